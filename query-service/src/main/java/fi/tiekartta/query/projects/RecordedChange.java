package fi.tiekartta.query.projects;

import fi.tiekartta.vocabulary.ProjectStatus;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One event of a project, flattened into what the read models need: the two clocks ({@code effectiveDate},
 * {@code recordedAt}), who and why, and the change itself. Not every field applies to every type.
 *
 * @param sequence the event's position in the project's stream; also the project version after it
 * @param corrects for a correction or retraction, the {@code changeId} it applies to
 * @param details  for a registration, the project's descriptive fields
 */
public record RecordedChange(
        String projectId,
        long sequence,
        String changeId,
        String eventId,
        ChangeType type,
        Instant recordedAt,
        String actor,
        String reason,
        String correlationId,
        LocalDate effectiveDate,
        ProjectStatus status,
        ProjectStatus previousStatus,
        String unit,
        Integer progressPercent,
        Integer targetYear,
        String scheduledFor,
        String note,
        String corrects,
        ProjectDetails details) {

    /** This status change as a correction says it should have read: same identity and place, new content. */
    RecordedChange correctedAs(RecordedChange correction) {
        return new RecordedChange(projectId, sequence, changeId, eventId, type, recordedAt, actor, reason, correlationId,
                                  correction.effectiveDate(), correction.status(), previousStatus, correction.unit(),
                                  correction.progressPercent(), correction.targetYear(), correction.scheduledFor(),
                                  correction.note(), corrects, details);
    }
}
