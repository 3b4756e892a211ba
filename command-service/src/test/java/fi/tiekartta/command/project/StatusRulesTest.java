package fi.tiekartta.command.project;

import fi.tiekartta.events.ProjectStatusChangedEvent;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.LocalDate;

import static fi.tiekartta.command.project.ProjectTestData.COORDINATOR;
import static fi.tiekartta.command.project.ProjectTestData.PROJECT;
import static fi.tiekartta.command.project.ProjectTestData.REGISTERED_ON;
import static fi.tiekartta.command.project.ProjectTestData.TODAY;
import static fi.tiekartta.command.project.ProjectTestData.changed;
import static fi.tiekartta.command.project.ProjectTestData.registered;
import static fi.tiekartta.command.project.ProjectTestData.report;
import static fi.tiekartta.vocabulary.ProjectStatus.*;
import static org.hamcrest.Matchers.containsString;

/** docs/STATUS-RULES.md: transitions and the fields that belong to each status. */
class StatusRulesTest {

    private FixtureConfiguration<Project> fixture;

    @BeforeEach
    void setUp() {
        fixture = ProjectTestData.fixture();
    }

    @ParameterizedTest
    @EnumSource(names = {"NOT_STARTED", "PLANNED", "INVESTIGATING", "IN_PROGRESS", "IN_USE", "WAITING", "POSTPONED"})
    void openWork_movesToAnyStatus_withoutAReason(fi.tiekartta.vocabulary.ProjectStatus from) {
        for (var to : values()) {
            fixture.given(registered(), changed("c1", from, REGISTERED_ON, null))
                   .when(report(to, TODAY, null, to == POSTPONED ? 2025 : null, null, null,
                                to == MERGED ? "osana urheilupuiston remonttia" : null, null), COORDINATOR)
                   .expectSuccessfulHandlerExecution();
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"DONE", "MERGED", "NOT_NEEDED"})
    void reopeningClosedWork_withoutAReason_isRefused(fi.tiekartta.vocabulary.ProjectStatus closed) {
        fixture.given(registered(), changed("c1", closed, REGISTERED_ON, null))
               .when(report(IN_PROGRESS), COORDINATOR)
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("reason is required to change a closed status: the project is "
                                                      + closed + " since 2023-12-31"))
               .expectNoEvents();
    }

    @Test
    void reopeningClosedWork_withAReason_isRecorded() {
        fixture.given(registered(), changed("c1", DONE, REGISTERED_ON, null))
               .when(report(IN_PROGRESS, TODAY, null, null, null, null, null, "käyttöönotossa ilmeni puutteita"),
                     COORDINATOR)
               .expectEvents(new ProjectStatusChangedEvent(PROJECT, "change-1", IN_PROGRESS, DONE, TODAY, null, null,
                                                           null, null, null));
    }

    @Test
    void changingTheOutcomeOfClosedWork_needsAReasonToo() {
        fixture.given(registered(), changed("c1", DONE, REGISTERED_ON, null))
               .when(report(NOT_NEEDED), COORDINATOR)
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("reason is required"));
    }

    @Test
    void confirmingClosedWork_needsNoReason() {
        fixture.given(registered(), changed("c1", DONE, REGISTERED_ON, null))
               .when(report(DONE), COORDINATOR)
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void aChangeDatedBeforeTheClosure_isJudgedByWhatWasTrueOnItsOwnDate() {
        fixture.given(registered(), changed("c1", DONE, TODAY, null))
               .when(report(IN_PROGRESS, REGISTERED_ON, null, null, null, null, null, null), COORDINATOR)
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void aUnitIsJudgedByItsOwnStatus_notByTheProjects() {
        fixture.given(registered(), changed("c1", DONE, REGISTERED_ON, null))
               .when(report(IN_PROGRESS, TODAY, null, null, null, "VAKA", null, null), COORDINATOR)
               .expectSuccessfulHandlerExecution();
        fixture.given(registered(), changed("c1", DONE, REGISTERED_ON, "VAKA"))
               .when(report(IN_PROGRESS, TODAY, null, null, null, "VAKA", null, null), COORDINATOR)
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("unit VAKA is DONE"));
    }

    @Test
    void progressPercent_belongsToInProgressOnly() {
        fixture.given(registered())
               .when(report(DONE, TODAY, 100, null, null, null, null, null), COORDINATOR)
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("progressPercent applies only to IN_PROGRESS, not to DONE"));
    }

    @Test
    void targetYear_belongsToPostponedOnly() {
        fixture.given(registered())
               .when(report(IN_PROGRESS, TODAY, null, 2025, null, null, null, null), COORDINATOR)
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("targetYear applies only to POSTPONED"));
    }

    @Test
    void postponingMoreThanTenYears_isRefused() {
        fixture.given(registered())
               .when(report(POSTPONED, TODAY, null, 2035, null, null, null, null), COORDINATOR)
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("targetYear must be at most 10 years after the year of effectiveDate (2034)"));
        fixture.given(registered())
               .when(report(POSTPONED, TODAY, null, 2034, null, null, null, null), COORDINATOR)
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void scheduledFor_belongsToPlannedOnly() {
        fixture.given(registered())
               .when(report(IN_PROGRESS, TODAY, null, null, "2024-Q1", null, null, null), COORDINATOR)
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("scheduledFor applies only to PLANNED"));
        fixture.given(registered())
               .when(report(PLANNED, TODAY, null, null, "2024-Q1", null, "TOTEUTUS Q1/24", null), COORDINATOR)
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void scheduledForMoreThanTenYearsAhead_isRefused() {
        fixture.given(registered())
               .when(report(PLANNED, TODAY, null, null, "2035-Q2", null, null, null), COORDINATOR)
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("scheduledFor must be at most 10 years"));
    }

    @Test
    void merged_mustNameWhatItIsPartOf() {
        fixture.given(registered())
               .when(report(MERGED), COORDINATOR)
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(containsString("note must name what the work is carried out as part of"));
        fixture.given(registered())
               .when(report(MERGED, TODAY, null, null, null, null, "URHEILUPUISTON REMONTTIA", null), COORDINATOR)
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void overlongNotes_areRefused() {
        fixture.given(registered())
               .when(report(IN_PROGRESS, TODAY, null, null, null, null, "x".repeat(1001), "y".repeat(1001)), COORDINATOR)
               .expectException(InvalidCommandException.class)
               .expectExceptionMessage(org.hamcrest.Matchers.allOf(
                       containsString("note must be at most 1000 characters"),
                       containsString("reason must be at most 1000 characters")));
    }

    @Test
    void aStatusChange_isNotRecordedBeforeTheProjectExists() {
        fixture.given(registered())
               .when(report(DONE, LocalDate.of(2023, 12, 30), null, null, null, null, null, null), COORDINATOR)
               .expectException(InvalidCommandException.class);
    }
}
