package fi.tiekartta.command.project;

import fi.tiekartta.command.dispatch.CommandSender;
import fi.tiekartta.events.ProjectRegisteredEvent;
import fi.tiekartta.events.ProjectStatusChangedEvent;
import fi.tiekartta.support.time.RoadmapTime;
import fi.tiekartta.vocabulary.AuditMetadata;
import fi.tiekartta.vocabulary.ProjectStatus;
import fi.tiekartta.vocabulary.Sectors;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Events, commands and a fixture for the aggregate tests: Helsinki's "today" is 2024-01-02. */
final class ProjectTestData {

    static final LocalDate TODAY = LocalDate.of(2024, 1, 2);
    static final LocalDate REGISTERED_ON = LocalDate.of(2023, 12, 31);
    static final String PROJECT = "TE-10";

    static final Map<String, ?> COORDINATOR =
            Map.of(AuditMetadata.ACTOR, "koordinaattori", CommandSender.ROLES, List.of("COORDINATOR"));
    static final Map<String, ?> THE_OWNER = Map.of(AuditMetadata.ACTOR, "matti.m", CommandSender.ROLES, List.of("OWNER"));

    private ProjectTestData() {
    }

    static FixtureConfiguration<Project> fixture() {
        FixtureConfiguration<Project> fixture = new AggregateTestFixture<>(Project.class);
        fixture.registerInjectableResource(Sectors.HEINOLA);
        fixture.registerInjectableResource(Clock.fixed(Instant.parse("2024-01-01T22:30:00Z"), RoadmapTime.ZONE));
        return fixture;
    }

    static ProjectRegisteredEvent registered() {
        return new ProjectRegisteredEvent(PROJECT, "c-reg", "TEKNIIKKA", "Vesimittareiden vaihto etäluettaviksi",
                                          "matti.m", 2022, 2025, null, REGISTERED_ON);
    }

    static ProjectStatusChangedEvent changed(String changeId, ProjectStatus status, LocalDate effectiveDate, String unit) {
        return new ProjectStatusChangedEvent(PROJECT, changeId, status, ProjectStatus.NOT_STARTED, effectiveDate, null,
                                             status == ProjectStatus.POSTPONED ? 2025 : null, null, unit,
                                             status == ProjectStatus.MERGED ? "osana muuta" : null);
    }

    /** A status change of {@link #PROJECT} with only the given fields. */
    static ChangeProjectStatusCommand report(ProjectStatus status, LocalDate effectiveDate, Integer progress,
                                             Integer targetYear, String scheduledFor, String unit, String note,
                                             String reason) {
        return new ChangeProjectStatusCommand(PROJECT, null, "change-1", status, effectiveDate, progress, targetYear,
                                              scheduledFor, unit, note, reason);
    }

    static ChangeProjectStatusCommand report(ProjectStatus status) {
        return report(status, TODAY, null, null, null, null, null, null);
    }
}
