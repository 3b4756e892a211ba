package fi.tiekartta.command.project;

import fi.tiekartta.events.ProjectDetailsRevisedEvent;
import fi.tiekartta.events.ProjectOwnerAssignedEvent;
import fi.tiekartta.events.ProjectRegisteredEvent;
import fi.tiekartta.vocabulary.AuditMetadata;
import fi.tiekartta.command.dispatch.CommandSender;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static fi.tiekartta.command.project.ProjectTestData.COORDINATOR;
import static fi.tiekartta.command.project.ProjectTestData.PROJECT;
import static fi.tiekartta.command.project.ProjectTestData.TODAY;
import static fi.tiekartta.command.project.ProjectTestData.registered;
import static fi.tiekartta.command.project.ProjectTestData.report;
import static fi.tiekartta.vocabulary.ProjectStatus.DONE;
import static org.hamcrest.Matchers.containsString;

/** docs/STATUS-RULES.md, "Owner and details". */
class ProjectDetailsRulesTest {

    private FixtureConfiguration<Project> fixture;

    @BeforeEach
    void setUp() {
        fixture = ProjectTestData.fixture();
    }

    @Test
    void assigningAnOwner_isRecordedWithThePreviousOwner() {
        fixture.given(registered())
               .when(new AssignOwnerCommand(PROJECT, null, "o1", "liisa.l", null, "vastuunjako muuttui"), COORDINATOR)
               .expectEvents(new ProjectOwnerAssignedEvent(PROJECT, "o1", "liisa.l", "matti.m", TODAY));
    }

    @Test
    void assigningAnOwner_needsAReason() {
        fixture.given(registered())
               .when(new AssignOwnerCommand(PROJECT, null, "o1", "liisa.l", null, null), COORDINATOR)
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("reason is required"));
    }

    @Test
    void assigningAnOwner_needsAnOwner() {
        fixture.given(registered())
               .when(new AssignOwnerCommand(PROJECT, null, "o1", " ", null, "vastuunjako muuttui"), COORDINATOR)
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("owner is required"));
    }

    @Test
    void aRegistration_withoutAnOwner_isRefused() {
        fixture.givenNoPriorActivity()
               .when(new RegisterProjectCommand(PROJECT, "c-1", "TEKNIIKKA", "Vesimittarit", null, null, null, null, null))
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("owner is required"));
        fixture.givenNoPriorActivity()
               .when(new RegisterProjectCommand(PROJECT, "c-1", "TEKNIIKKA", "Vesimittarit", "  ", null, null, null, null))
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("owner is required"));
    }

    @Test
    void aRegistration_fromARoadmapThatNamesNoOwners_leavesTheOwnerToBeAssigned() {
        fixture.givenNoPriorActivity()
               .when(new RegisterProjectCommand(PROJECT, "c-1", "TEKNIIKKA", "Vesimittarit", null, null, null, null,
                                                TODAY, true))
               .expectEvents(new ProjectRegisteredEvent(PROJECT, "c-1", "TEKNIIKKA", "Vesimittarit", null, null, null,
                                                        null, TODAY));
        fixture.givenNoPriorActivity()
               .when(new RegisterProjectCommand(PROJECT, "c-1", "TEKNIIKKA", "Vesimittarit", " ", null, null, null,
                                                TODAY, true))
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("owner is required"));
    }

    @Test
    void theNewOwner_mayReport_andTheOldOneNoLonger() {
        var assigned = new ProjectOwnerAssignedEvent(PROJECT, "o1", "liisa.l", "matti.m", TODAY);
        fixture.given(registered(), assigned)
               .when(report(DONE), Map.of(AuditMetadata.ACTOR, "liisa.l", CommandSender.ROLES, List.of("OWNER")))
               .expectSuccessfulHandlerExecution();
        fixture.given(registered(), assigned)
               .when(report(DONE), Map.of(AuditMetadata.ACTOR, "matti.m", CommandSender.ROLES, List.of("OWNER")))
               .expectException(NotTheOwnerException.class);
    }

    @Test
    void aRevision_keepsWhatItDoesNotMention() {
        fixture.given(registered())
               .when(new ReviseDetailsCommand(PROJECT, null, "d1", null, "Etäluettavat mittarit koko kaupunkiin", null,
                                              2026, null, "aikataulu venyi"), COORDINATOR)
               .expectEvents(new ProjectDetailsRevisedEvent(PROJECT, "d1", "Vesimittareiden vaihto etäluettaviksi",
                                                            "Etäluettavat mittarit koko kaupunkiin", 2022, 2026, TODAY));
    }

    @Test
    void aRevision_mustNotPutTheEndBeforeTheStart() {
        fixture.given(registered())
               .when(new ReviseDetailsCommand(PROJECT, null, "d1", null, null, 2026, null, null, "x"), COORDINATOR)
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("plannedEndYear must not be before plannedStartYear"));
    }

    @Test
    void aRevision_thatRevisesNothing_isRefused() {
        fixture.given(registered())
               .when(new ReviseDetailsCommand(PROJECT, null, "d1", null, null, null, null, null, "x"), COORDINATOR)
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("must revise at least one of"));
    }

    @Test
    void aRevision_byAnotherOwner_isRefused() {
        fixture.given(registered())
               .when(new ReviseDetailsCommand(PROJECT, null, "d1", "Uusi nimi", null, null, null, null, "x"),
                     Map.of(AuditMetadata.ACTOR, "liisa.l", CommandSender.ROLES, List.of("OWNER")))
               .expectException(NotTheOwnerException.class);
    }
}
