package fi.tiekartta.query.projects;

/** The descriptive fields of a project, as a registration (or a later revision) states them. */
public record ProjectDetails(String sector, String title, String owner, Integer plannedStartYear,
                             Integer plannedEndYear, String description) {
}
