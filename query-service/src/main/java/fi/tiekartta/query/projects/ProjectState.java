package fi.tiekartta.query.projects;

import fi.tiekartta.vocabulary.ProjectStatus;
import org.springframework.lang.Nullable;

import java.time.LocalDate;
import java.util.List;

/**
 * What a project looked like during one stretch of valid time: the stored form of the project view, without
 * the version (which depends on the transaction time asked about, not on the valid time).
 *
 * @param effectiveDate the day the shown status became true
 */
public record ProjectState(
        String projectId,
        String sector,
        String title,
        String owner,
        Integer plannedStartYear,
        Integer plannedEndYear,
        String description,
        ProjectStatus status,
        Integer progressPercent,
        Integer targetYear,
        String scheduledFor,
        String note,
        LocalDate effectiveDate,
        List<UnitState> units) {

    public ProjectState {
        units = units == null ? List.of() : List.copyOf(units);
    }

    /** The status of one unit of the organisation within the project (e.g. VAKA, KOULUT). */
    public record UnitState(String unit, ProjectStatus status, @Nullable Integer progressPercent, @Nullable Integer targetYear,
                            LocalDate effectiveDate) {
    }
}
