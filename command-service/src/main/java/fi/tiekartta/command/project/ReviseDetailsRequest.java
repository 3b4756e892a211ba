package fi.tiekartta.command.project;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.LocalDate;

/** The body of {@code PATCH /api/projects/{id}}: only the details to change. */
@Schema(requiredProperties = {"reason"}) // what ProjectRules requires
public record ReviseDetailsRequest(String title, String description, Integer plannedStartYear, Integer plannedEndYear,
                                   LocalDate effectiveDate, String reason) {
}
