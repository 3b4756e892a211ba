package fi.tiekartta.command.project;

import fi.tiekartta.vocabulary.ProjectStatus;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.LocalDate;

/** The body of {@code POST /api/projects/{id}/status-changes}. */
@Schema(requiredProperties = {"status"}) // what ProjectRules requires
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
