package fi.tiekartta.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * shared-events is the contract between the services: the event records and the vocabulary they are written
 * in. Either service, and an auditor's own tool, reads events with it alone, so it depends on nothing of ours
 * and on no framework beyond the annotation that versions an event.
 */
@AnalyzeClasses(packages = {"fi.tiekartta.events", "fi.tiekartta.vocabulary"},
                importOptions = ImportOption.DoNotIncludeTests.class)
class SharedEventsArchitectureTest {

    @ArchTest
    static final ArchRule sharedEvents_dependsOnNothingOfOurs =
            noClasses().should().dependOnClassesThat().resideInAnyPackage(
                               "fi.tiekartta.command..", "fi.tiekartta.query..", "fi.tiekartta.support..",
                               "fi.tiekartta.testsupport..", "fi.tiekartta.system..")
                       .because("the services depend on the events, never the other way round");

    @ArchTest
    static final ArchRule sharedEvents_usesOnlyTheJdk_andAxonsRevisionAnnotation =
            classes().should().onlyDependOnClassesThat(
                             resideInAnyPackage("java..", "fi.tiekartta.events..", "fi.tiekartta.vocabulary..")
                                     .or(name("org.axonframework.serialization.Revision")))
                     .because("events are plain records: no Spring, no JPA, no Axon runtime");
}
