package fi.tiekartta.command.project;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.LocalDate;

/** The body of {@code PUT /api/projects/{id}/owner}. */
@Schema(requiredProperties = {"owner", "reason"}) // what ProjectRules requires
public record AssignOwnerRequest(String owner, LocalDate effectiveDate, String reason) {
}
