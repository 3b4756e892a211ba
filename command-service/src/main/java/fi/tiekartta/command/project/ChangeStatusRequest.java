package fi.tiekartta.command.project;

import fi.tiekartta.vocabulary.ProjectStatus;

import java.time.LocalDate;

/** The body of {@code POST /api/projects/{id}/status-changes}. */
public record ChangeStatusRequest(
        ProjectStatus status,
        LocalDate effectiveDate,
        Integer progressPercent,
        Integer targetYear,
        String scheduledFor,
        String unit,
        String note,
        String reason) {
}
