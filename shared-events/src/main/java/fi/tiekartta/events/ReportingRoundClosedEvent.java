package fi.tiekartta.events;

import org.axonframework.serialization.Revision;

/**
 * The reporting round was closed: changes recorded from now on no longer count for it, and its report is what
 * the store knew at this event's timestamp. Who closed it is the event's actor.
 */
@Revision("1")
public record ReportingRoundClosedEvent(String roundId) {
}
