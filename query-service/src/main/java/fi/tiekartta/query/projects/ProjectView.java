package fi.tiekartta.query.projects;

import fi.tiekartta.vocabulary.ProjectStatus;
import org.springframework.lang.Nullable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A project as the API shows it (docs/API.md, "A project view"). */
public record ProjectView(
        String projectId,
        String sector,
        String title,
        @Nullable String owner,
        @Nullable Integer plannedStartYear,
        @Nullable Integer plannedEndYear,
        @Nullable String description,
        ProjectStatus status,
        String statusLabel,
        @Nullable Integer progressPercent,
        @Nullable Integer targetYear,
        @Nullable String scheduledFor,
        @Nullable String note,
        LocalDate effectiveDate,
        List<ProjectState.UnitState> units,
        long version,
        Instant lastRecordedAt) {

    public static ProjectView of(ProjectViewTable.Found found) {
        return of(found.state(), found.version(), found.lastRecordedAt());
    }

    /** The state during valid time, shown with the project's version as known at the instant asked about. */
    public static ProjectView of(ProjectState s, long version, Instant lastRecordedAt) {
        return new ProjectView(s.projectId(), s.sector(), s.title(), s.owner(), s.plannedStartYear(),
                               s.plannedEndYear(), s.description(), s.status(), s.status().finnishLabel(),
                               s.progressPercent(), s.targetYear(), s.scheduledFor(), s.note(), s.effectiveDate(),
                               s.units(), version, lastRecordedAt);
    }
}
