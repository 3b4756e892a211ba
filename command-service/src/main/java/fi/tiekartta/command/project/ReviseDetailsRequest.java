package fi.tiekartta.command.project;

import java.time.LocalDate;

/** The body of {@code PATCH /api/projects/{id}}: only the details to change. */
public record ReviseDetailsRequest(String title, String description, Integer plannedStartYear, Integer plannedEndYear,
                                   LocalDate effectiveDate, String reason) {
}
