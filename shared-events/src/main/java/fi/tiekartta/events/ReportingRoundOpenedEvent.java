package fi.tiekartta.events;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * The coordination group opened a reporting round: every owner is asked for their projects' status as of
 * {@code asOf} (31.12. for the financial statement, 30.6. mid-year) by {@code dueDate}. Who opened it and when
 * are the event's actor and timestamp.
 */
@Revision("1")
public record ReportingRoundOpenedEvent(
        String roundId,
        String title,
        LocalDate asOf,
        LocalDate dueDate) {
}
