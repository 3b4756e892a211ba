package fi.tiekartta.command.project;

import fi.tiekartta.command.dispatch.CommandSender;
import fi.tiekartta.events.ProjectStatusChangedEvent;
import fi.tiekartta.events.StatusChangeCorrectedEvent;
import fi.tiekartta.events.StatusChangeRetractedEvent;
import fi.tiekartta.vocabulary.AuditMetadata;
import fi.tiekartta.vocabulary.ProjectStatus;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static fi.tiekartta.command.project.ProjectTestData.COORDINATOR;
import static fi.tiekartta.command.project.ProjectTestData.THE_OWNER;
import static fi.tiekartta.command.project.ProjectTestData.PROJECT;
import static fi.tiekartta.command.project.ProjectTestData.REGISTERED_ON;
import static fi.tiekartta.command.project.ProjectTestData.TODAY;
import static fi.tiekartta.command.project.ProjectTestData.changed;
import static fi.tiekartta.command.project.ProjectTestData.registered;
import static fi.tiekartta.command.project.ProjectTestData.report;
import static fi.tiekartta.vocabulary.ProjectStatus.*;
import static org.hamcrest.Matchers.containsString;

/** docs/STATUS-RULES.md, "Corrections and retractions". */
class CorrectionRulesTest {

    private FixtureConfiguration<Project> fixture;

    @BeforeEach
    void setUp() {
        fixture = ProjectTestData.fixture();
    }

    @Test
    void aCorrection_statesTheWholeChangeAsCorrected_andCarriesItsReason() {
        fixture.given(registered(), inProgress("c1", 60))
               .when(correct("c1", null, null, 70, false, "luku oli väärin"), COORDINATOR)
               .expectEvents(new StatusChangeCorrectedEvent(PROJECT, "fix-1", "c1", IN_PROGRESS, REGISTERED_ON, 70, null,
                                                            null, null, "60 % TEHTY"))
               .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                       org.axonframework.test.matchers.Matchers.predicate(
                               m -> "luku oli väärin".equals(((org.axonframework.eventhandling.EventMessage<?>) m)
                                                                    .getMetaData().get(AuditMetadata.REASON))),
                       org.axonframework.test.matchers.Matchers.andNoMore()));
    }

    @Test
    void aRetraction_namesTheRetractedChange() {
        fixture.given(registered(), inProgress("c1", 60))
               .when(correct("c1", null, null, null, true, "kirjattu väärään hankkeeseen"), COORDINATOR)
               .expectEvents(new StatusChangeRetractedEvent(PROJECT, "fix-1", "c1"));
    }

    @Test
    void aCorrection_withoutAReason_isRefused() {
        fixture.given(registered(), inProgress("c1", 60))
               .when(correct("c1", null, null, 70, false, " "), COORDINATOR)
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("reason is required"))
               .expectNoEvents();
    }

    @Test
    void aCorrection_ofAnUnknownChange_isRefused() {
        fixture.given(registered(), inProgress("c1", 60))
               .when(correct("c9", DONE, null, null, false, "x"), COORDINATOR)
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("changeId names no status change of project TE-10"));
    }

    @Test
    void retractingAndCorrectingAtOnce_isRefused() {
        fixture.given(registered(), inProgress("c1", 60))
               .when(correct("c1", DONE, null, null, true, "x"), COORDINATOR)
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("retract cannot be combined with corrected fields"));
    }

    @Test
    void aCorrectionThatChangesNothing_isRefused() {
        fixture.given(registered(), inProgress("c1", 60))
               .when(correct("c1", null, null, null, false, "x"), COORDINATOR)
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("must correct at least one field"));
    }

    @Test
    void aRetractedChange_cannotBeCorrectedAgain() {
        fixture.given(registered(), inProgress("c1", 60), new StatusChangeRetractedEvent(PROJECT, "r1", "c1"))
               .when(correct("c1", null, null, 70, false, "x"), COORDINATOR)
               .expectException(IllegalStateException.class)
               .expectExceptionMessage(containsString("Status change c1 was retracted"));
        fixture.given(registered(), inProgress("c1", 60), new StatusChangeRetractedEvent(PROJECT, "r1", "c1"))
               .when(correct("c1", null, null, null, true, "x"), COORDINATOR)
               .expectException(IllegalStateException.class);
    }

    @Test
    void aCorrectedChange_keepsItsPlace_whenJudgingLaterChanges() {
        // c1 said DONE and was corrected to IN_PROGRESS: a later change no longer reopens closed work
        fixture.given(registered(), changed("c1", DONE, REGISTERED_ON, null),
                      new StatusChangeCorrectedEvent(PROJECT, "f1", "c1", IN_PROGRESS, REGISTERED_ON, null, null, null,
                                                     null, null))
               .when(report(WAITING), COORDINATOR)
               .expectEvents(new ProjectStatusChangedEvent(PROJECT, "change-1", WAITING, IN_PROGRESS, TODAY, null, null,
                                                           null, null, null));
    }

    @Test
    void aRetractedChange_noLongerCounts_whenJudgingLaterChanges() {
        fixture.given(registered(), changed("c1", DONE, REGISTERED_ON, null),
                      new StatusChangeRetractedEvent(PROJECT, "r1", "c1"))
               .when(report(WAITING), COORDINATOR)
               .expectEvents(new ProjectStatusChangedEvent(PROJECT, "change-1", WAITING, NOT_STARTED, TODAY, null, null,
                                                           null, null, null));
    }

    @Test
    void correctingInProgressToDone_dropsThePercentage_whichDoneHasNoPlaceFor() {
        fixture.given(registered(), inProgress("c1", 60))
               .when(correct("c1", DONE, null, null, false, "oli jo valmis"), COORDINATOR)
               .expectEvents(new StatusChangeCorrectedEvent(PROJECT, "fix-1", "c1", DONE, REGISTERED_ON, null, null,
                                                            null, null, "60 % TEHTY"));
    }

    @Test
    void aFieldGivenAsNull_isCleared_andAFieldLeftOut_keepsItsValue() {
        fixture.given(registered(), inProgress("c1", 60))
               .when(correctClearing("c1", Set.of("note")), COORDINATOR)
               .expectEvents(new StatusChangeCorrectedEvent(PROJECT, "fix-1", "c1", IN_PROGRESS, REGISTERED_ON, 60, null,
                                                            null, null, null));
    }

    @Test
    void aCorrection_isJudgedAsTheWholeCorrectedChange_soAPercentageGivenWithDone_isRefused() {
        fixture.given(registered(), inProgress("c1", 60))
               .when(new CorrectStatusChangeCommand(PROJECT, null, "fix-1", "c1", DONE, null, 60, null, null, null, null,
                                                    Set.of(), false, "x"), COORDINATOR)
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("progressPercent applies only to IN_PROGRESS, not to DONE"))
               .expectNoEvents();
    }

    @Test
    void theProjectsOwner_mayCorrectAChangeOfTheirProject() {
        fixture.given(registered(), inProgress("c1", 60))
               .when(correct("c1", DONE, null, null, false, "oli jo valmis"), THE_OWNER)
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void anOwnerOfAnotherProject_mayNotCorrectItsChanges() {
        fixture.given(registered(), inProgress("c1", 60))
               .when(correct("c1", DONE, null, null, false, "x"),
                     Map.of(AuditMetadata.ACTOR, "liisa.k", CommandSender.ROLES, List.of("OWNER")))
               .expectException(NotTheOwnerException.class)
               .expectNoEvents();
    }

    private static ProjectStatusChangedEvent inProgress(String changeId, int percent) {
        return new ProjectStatusChangedEvent(PROJECT, changeId, IN_PROGRESS, NOT_STARTED, REGISTERED_ON, percent, null,
                                             null, null, "60 % TEHTY");
    }

    private static CorrectStatusChangeCommand correctClearing(String changeId, Set<String> cleared) {
        return new CorrectStatusChangeCommand(PROJECT, null, "fix-1", changeId, null, null, null, null, null, null, null,
                                              cleared, false, "x");
    }

    private static CorrectStatusChangeCommand correct(String changeId, ProjectStatus status, LocalDate effectiveDate,
                                                      Integer progress, boolean retract, String reason) {
        return new CorrectStatusChangeCommand(PROJECT, null, "fix-1", changeId, status, effectiveDate, progress, null,
                                              null, null, null, Set.of(), retract, reason);
    }
}
