package fi.tiekartta.command.project;

import java.time.LocalDate;

/** The body of {@code PUT /api/projects/{id}/owner}. */
public record AssignOwnerRequest(String owner, LocalDate effectiveDate, String reason) {
}
