package fi.tiekartta.support.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** service-support is what both services do identically; it knows neither of them. */
@AnalyzeClasses(packages = "fi.tiekartta.support", importOptions = ImportOption.DoNotIncludeTests.class)
class SupportArchitectureTest {

    @ArchTest
    static final ArchRule serviceSupport_knowsNeitherService =
            noClasses().should().dependOnClassesThat().resideInAnyPackage("fi.tiekartta.command..", "fi.tiekartta.query..")
                       .because("both services build on service-support; a dependency back would tie one to the other");
}
