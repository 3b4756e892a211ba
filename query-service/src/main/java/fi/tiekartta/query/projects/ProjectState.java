package fi.tiekartta.query.projects;

import fi.tiekartta.vocabulary.ProjectStatus;
import org.springframework.lang.Nullable;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What a project looked like during one stretch of valid time: the project view without the version (which depends
 * on the transaction time asked about, not on the valid time). Stored as {@link ViewJson} writes it.
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

    /**
     * Component by component, as a record's own equals, written out: folding compares each new state with the one
     * before, and the record's generated equals (a chain of method handles over 14 components) was a tenth of a
     * rebuild's reading thread. {@link #hashCode} is written out beside it.
     */
    @Override
    public boolean equals(Object other) {
        return this == other
               || other instanceof ProjectState o
                  && status == o.status && Objects.equals(effectiveDate, o.effectiveDate)
                  && Objects.equals(progressPercent, o.progressPercent) && Objects.equals(targetYear, o.targetYear)
                  && Objects.equals(scheduledFor, o.scheduledFor) && Objects.equals(note, o.note)
                  && Objects.equals(projectId, o.projectId) && Objects.equals(sector, o.sector)
                  && Objects.equals(title, o.title) && Objects.equals(owner, o.owner)
                  && Objects.equals(plannedStartYear, o.plannedStartYear) && Objects.equals(plannedEndYear, o.plannedEndYear)
                  && Objects.equals(description, o.description) && units.equals(o.units);
    }

    /** Over the components {@link #equals} compares; a rebuild hashes each state it writes out (BulkProjection). */
    @Override
    public int hashCode() {
        int h = Objects.hashCode(projectId);
        h = 31 * h + Objects.hashCode(sector);
        h = 31 * h + Objects.hashCode(title);
        h = 31 * h + Objects.hashCode(owner);
        h = 31 * h + Objects.hashCode(plannedStartYear);
        h = 31 * h + Objects.hashCode(plannedEndYear);
        h = 31 * h + Objects.hashCode(description);
        h = 31 * h + Objects.hashCode(status);
        h = 31 * h + Objects.hashCode(progressPercent);
        h = 31 * h + Objects.hashCode(targetYear);
        h = 31 * h + Objects.hashCode(scheduledFor);
        h = 31 * h + Objects.hashCode(note);
        h = 31 * h + Objects.hashCode(effectiveDate);
        return 31 * h + units.hashCode();
    }

    /** The status of one unit of the organisation within the project (e.g. VAKA, KOULUT). */
    public record UnitState(String unit, ProjectStatus status, @Nullable Integer progressPercent, @Nullable Integer targetYear,
                            LocalDate effectiveDate) {

        /** Written out for the same reason as {@link ProjectState#equals}, and {@link #hashCode} beside it. */
        @Override
        public boolean equals(Object other) {
            return this == other
                   || other instanceof UnitState o
                      && status == o.status && Objects.equals(effectiveDate, o.effectiveDate) && Objects.equals(unit, o.unit)
                      && Objects.equals(progressPercent, o.progressPercent) && Objects.equals(targetYear, o.targetYear);
        }

        @Override
        public int hashCode() {
            int h = Objects.hashCode(unit);
            h = 31 * h + Objects.hashCode(status);
            h = 31 * h + Objects.hashCode(progressPercent);
            h = 31 * h + Objects.hashCode(targetYear);
            return 31 * h + Objects.hashCode(effectiveDate);
        }
    }
}
