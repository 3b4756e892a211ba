package fi.tiekartta.events;

import org.axonframework.serialization.Revision;

/** An earlier status change ({@code retractedChangeId}) should never have been made; readers ignore it from now on. */
@Revision("1")
public record StatusChangeRetractedEvent(
        String projectId,
        String changeId,
        String retractedChangeId) {
}
