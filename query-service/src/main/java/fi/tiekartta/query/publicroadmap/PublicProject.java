package fi.tiekartta.query.publicroadmap;

import fi.tiekartta.query.projects.ProjectState;
import fi.tiekartta.vocabulary.ProjectStatus;

import java.time.LocalDate;
import java.util.List;

/**
 * A project as the public sees it: what it is and where it stands, and nothing about who runs it or why it
 * changed. The fields are listed one by one, never copied wholesale from the internal view, so that a field
 * added there later does not become public by accident (docs/PUBLIC.md).
 */
public record PublicProject(String projectId, String sector, String title, Integer plannedStartYear,
                            Integer plannedEndYear, ProjectStatus status, String statusLabel, Integer progressPercent,
                            Integer targetYear, String scheduledFor, LocalDate effectiveDate, List<Unit> units) {

    /** One unit's status within the project (its own note and effective date stay internal). */
    public record Unit(String unit, ProjectStatus status, Integer progressPercent, Integer targetYear) {
    }

    static PublicProject of(ProjectState s) {
        List<Unit> units = s.units() == null ? List.of()
                : s.units().stream().map(u -> new Unit(u.unit(), u.status(), u.progressPercent(), u.targetYear())).toList();
        return new PublicProject(s.projectId(), s.sector(), s.title(), s.plannedStartYear(), s.plannedEndYear(),
                                 s.status(), s.status().finnishLabel(), s.progressPercent(), s.targetYear(),
                                 s.scheduledFor(), s.effectiveDate(), units);
    }
}
