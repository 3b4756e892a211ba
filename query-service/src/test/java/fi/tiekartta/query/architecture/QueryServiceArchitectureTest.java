package fi.tiekartta.query.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import fi.tiekartta.architecture.fixture.Trespassers;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.springframework.stereotype.Controller;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The boundaries of the query-service that the README describes: it reads the event store and writes only its
 * own read models. (Its database role enforces the same at run time: LeastPrivilegeIT in system-tests.)
 */
@AnalyzeClasses(packages = "fi.tiekartta.query", importOptions = ImportOption.DoNotIncludeTests.class)
class QueryServiceArchitectureTest {

    /** SQL that changes the event store's tables: what the query-service must never send. */
    static final Pattern WRITES_TO_EVENT_STORE = Pattern.compile(
            "\\b(insert\\s+into|update|delete\\s+from|truncate(\\s+table)?|alter\\s+table|drop\\s+table|copy)"
            + "\\s+(only\\s+)?\"?event_store\"?\\s*\\.", Pattern.CASE_INSENSITIVE);

    @ArchTest
    static final ArchRule theQueryService_usesNoCodeOfTheCommandService =
            noClasses().should().dependOnClassesThat(resideInAPackage("fi.tiekartta..").and(not(resideInAnyPackage(
                               "fi.tiekartta.query..", "fi.tiekartta.events..", "fi.tiekartta.vocabulary..",
                               "fi.tiekartta.support.."))))
                       .because("the services share only shared-events and service-support; they talk through the "
                                + "event store, never through each other's classes");

    @ArchTest
    static final ArchRule controllers_holdNoSql =
            noClasses().that().areMetaAnnotatedWith(Controller.class)
                       .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.springframework.jdbc..")
                       .because("a controller speaks HTTP; what is read and how is decided behind it");

    @ArchTest
    static final ArchRule theQueryService_neverAppendsEvents =
            noClasses().should().callMethodWhere(appendsEvents())
                       .because("the event store is the command-service's; the query-service only reads it");

    @ArchTest
    static final ArchRule theQueryService_neverSendsCommands =
            noClasses().should().dependOnClassesThat().resideInAnyPackage(
                               "org.axonframework.commandhandling..", "org.axonframework.modelling.command..",
                               "org.axonframework.eventhandling.gateway..")
                       .orShould().dependOnClassesThat().haveFullyQualifiedName(
                               "fi.tiekartta.support.eventstore.HashChainingAppendEvents")
                       .because("commands, aggregates and the append path are the command-side's");

    @ArchTest
    static final ArchRule theQueryService_holdsNoSqlThatWritesToTheEventStore =
            classes().should(holdNoStringMatching(WRITES_TO_EVENT_STORE))
                     .because("the event store is the command-service's; the query-service only reads it");

    /** Its own Flyway migrations (run at start with the service's role) leave event_store alone too. */
    @ArchTest
    static void migrations_neverWriteToTheEventStore(JavaClasses ignored) throws IOException {
        Path migrations = Path.of("src", "main", "resources", "db", "migration");
        try (Stream<Path> files = Files.list(migrations)) {
            List<Path> sql = files.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
            assertThat(sql).isNotEmpty();
            for (Path file : sql) {
                assertThat(WRITES_TO_EVENT_STORE.matcher(Files.readString(file, StandardCharsets.UTF_8)).find())
                        .as("%s writes to event_store", file).isFalse();
            }
        }
    }

    /** Each rule above finds what it is about: none of them passes for want of looking. */
    @ArchTest
    static void theRules_catchWhatTheyAreAbout(JavaClasses ignored) {
        assertViolated(theQueryService_holdsNoSqlThatWritesToTheEventStore, Trespassers.Retoucher.class);
        assertViolated(theQueryService_neverAppendsEvents, Trespassers.Appender.class);
        assertViolated(theQueryService_neverSendsCommands, Trespassers.Commander.class);
        assertViolated(controllers_holdNoSql, Trespassers.SqlController.class);
    }

    private static void assertViolated(ArchRule rule, Class<?> offender) {
        JavaClasses classes = new ClassFileImporter().importClasses(offender);
        assertThat(rule.evaluate(classes).hasViolation()).as("%s finds %s", rule.getDescription(), offender.getSimpleName())
                                                        .isTrue();
    }

    private static DescribedPredicate<JavaMethodCall> appendsEvents() {
        return DescribedPredicate.describe("a method that appends events or snapshots (EventBus.publish, "
                + "EventStorageEngine.appendEvents, storeSnapshot, EventGateway.publish, AggregateLifecycle)", call -> {
            JavaClass owner = call.getTargetOwner();
            String name = call.getName();
            return (owner.isAssignableTo(EventBus.class) && name.equals("publish"))
                   || (owner.isAssignableTo(EventGateway.class) && name.equals("publish"))
                   || (owner.isAssignableTo(EventStorageEngine.class) && Set.of("appendEvents", "storeSnapshot").contains(name))
                   || (owner.isAssignableTo(EventStore.class) && name.equals("storeSnapshot"))
                   || owner.isEquivalentTo(AggregateLifecycle.class);
        });
    }

    /** No string in the class file (literals, and constants the compiler folded into them) matches pattern. */
    private static ArchCondition<JavaClass> holdNoStringMatching(Pattern pattern) {
        return new ArchCondition<>("hold no SQL that writes to event_store") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                for (String text : ClassFileStrings.of(javaClass)) {
                    if (pattern.matcher(text).find()) {
                        events.add(SimpleConditionEvent.violated(javaClass,
                                javaClass.getName() + " holds \"" + text + "\""));
                    }
                }
            }
        };
    }
}
