package fi.tiekartta.events;

import fi.tiekartta.vocabulary.ProjectStatus;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * An earlier status change ({@code correctedChangeId}) was wrong and should have read as this. The original
 * stays in the store; readers apply the latest correction of a change in its place. All fields of the change
 * are stated as they are after the correction.
 */
@Revision("1")
public record StatusChangeCorrectedEvent(
        String projectId,
        String changeId,
        String correctedChangeId,
        ProjectStatus status,
        LocalDate effectiveDate,
        Integer progressPercent,
        Integer targetYear,
        String scheduledFor,
        String unit,
        String note) {
}
