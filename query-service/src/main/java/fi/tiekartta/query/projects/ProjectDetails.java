package fi.tiekartta.query.projects;

import org.springframework.lang.Nullable;

/** The descriptive fields of a project, as a registration (or a later revision) states them. */
public record ProjectDetails(@Nullable String sector, @Nullable String title, @Nullable String owner, @Nullable Integer plannedStartYear,
                             @Nullable Integer plannedEndYear, @Nullable String description) {
}
