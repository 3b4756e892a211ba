package fi.tiekartta.query.report;

import fi.tiekartta.vocabulary.ProjectStatus;

/**
 * One project in the year-end report: where it stood on 31.12. and which of the report's lists it is in.
 *
 * @param postponed null unless the project was postponed during the year
 */
public record ProjectYear(String projectId, String sector, String title, ProjectStatus status, Integer plannedEndYear,
                          boolean started, boolean completed, Postponement postponed, boolean dropped,
                          boolean overdue) {
}
