package fi.tiekartta.query.round;

import org.springframework.lang.Nullable;

import java.time.Instant;
import java.time.LocalDate;

/** A reporting round as its events say: what it asks, who opened it and when, and who closed it and when (if yet). */
public record ReportingRound(String roundId, String title, LocalDate asOf, LocalDate dueDate,
                             Instant openedAt, @Nullable String openedBy,
                             @Nullable Instant closedAt, @Nullable String closedBy) {

    public boolean isOpen() {
        return closedAt == null;
    }

    /** As the answers name it: {@code OPEN} or {@code CLOSED}. */
    public String state() {
        return isOpen() ? "OPEN" : "CLOSED";
    }
}
