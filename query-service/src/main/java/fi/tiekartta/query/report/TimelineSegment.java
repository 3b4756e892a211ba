package fi.tiekartta.query.report;

import fi.tiekartta.vocabulary.ProjectStatus;

import java.time.LocalDate;

/**
 * One stretch of a project's valid-time timeline as the store knew it at the report's {@code knownAt}: a row
 * of {@code read_model.project_view}, reduced to what the year-end report looks at. It holds from
 * {@code validFrom} until the next segment of the same project starts.
 */
public record TimelineSegment(String projectId, String sector, LocalDate validFrom, ProjectStatus status,
                              String title, Integer plannedEndYear, Integer targetYear) {
}
