package fi.tiekartta.command.project;

import fi.tiekartta.vocabulary.ProjectStatus;

import java.time.LocalDate;

/**
 * The body of {@code POST /api/projects/{id}/corrections}: the {@code changeId} being corrected, then either
 * the corrected fields or {@code retract: true}, and always a reason.
 */
public record CorrectionRequest(String changeId, ProjectStatus status, LocalDate effectiveDate, Integer progressPercent,
                                Integer targetYear, String scheduledFor, String unit, String note, Boolean retract,
                                String reason) {
}
