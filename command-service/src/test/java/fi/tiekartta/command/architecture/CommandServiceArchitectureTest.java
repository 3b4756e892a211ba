package fi.tiekartta.command.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.stereotype.Controller;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The boundaries of the command-service that the README describes. */
@AnalyzeClasses(packages = "fi.tiekartta.command", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandServiceArchitectureTest {

    @ArchTest
    static final ArchRule theCommandService_usesNoCodeOfTheQueryService =
            noClasses().should().dependOnClassesThat(resideInAPackage("fi.tiekartta..").and(not(resideInAnyPackage(
                               "fi.tiekartta.command..", "fi.tiekartta.events..", "fi.tiekartta.vocabulary..",
                               "fi.tiekartta.support.."))))
                       .because("the services share only shared-events and service-support; they talk through the "
                                + "event store, never through each other's classes");

    @ArchTest
    static final ArchRule controllers_holdNoSql =
            noClasses().that().areMetaAnnotatedWith(Controller.class)
                       .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.springframework.jdbc..")
                       .because("a controller speaks HTTP; what is stored and how is decided behind it");
}
