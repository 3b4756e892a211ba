package fi.tiekartta.events;

import fi.tiekartta.vocabulary.ProjectStatus;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * A project's status (or, with {@code unit}, one unit's status) became {@code status} on {@code effectiveDate}.
 * {@code previousStatus} is what was in effect on that date before this change, as the store knew it when this
 * was recorded: changes effective on the same day and recorded earlier count (it is
 * {@code NOT_STARTED} when nothing was reported up to that day). It equals {@code status} when the change confirms
 * the status of that day.
 *
 * @param changeId      the id later corrections refer to
 * @param scheduledFor  a quarter such as {@code 2024-Q1}, for PLANNED work
 * @param note          the words of the status phrase that are not part of the status itself
 */
@Revision("1")
public record ProjectStatusChangedEvent(
        String projectId,
        String changeId,
        ProjectStatus status,
        ProjectStatus previousStatus,
        LocalDate effectiveDate,
        Integer progressPercent,
        Integer targetYear,
        String scheduledFor,
        String unit,
        String note) {
}
