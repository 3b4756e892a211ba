package fi.tiekartta.command.append;

import fi.tiekartta.support.eventstore.HashChainingAppendEvents.Row;
import fi.tiekartta.support.web.CommitOutcomeUnknownException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What one command (one root unit of work) will write: its events, already serialized and hashed, and its
 * idempotency row. It is collected on the command's thread and written by the {@link GroupAppender} together with
 * those of every other command waiting at that moment; the command's thread waits for the outcome.
 */
public final class PendingAppend {

    private static final ThreadLocal<PendingAppend> CURRENT = new ThreadLocal<>();

    private final List<Row> events = new ArrayList<>();
    private final List<IdempotencyRow> keys = new ArrayList<>();
    private final CompletableFuture<Void> outcome = new CompletableFuture<>();

    private PendingAppend() {
    }

    /** The append of the unit of work running on this thread, if one is open. */
    public static Optional<PendingAppend> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    static PendingAppend open() {
        PendingAppend pending = new PendingAppend();
        CURRENT.set(pending);
        return pending;
    }

    void close() {
        if (CURRENT.get() == this) {
            CURRENT.remove();
        }
    }

    void addEvents(List<Row> rows) {
        events.addAll(rows);
    }

    /** Stores {@code row} with this command's events, or not at all. */
    public void addIdempotencyRow(IdempotencyRow row) {
        keys.add(row);
    }

    List<Row> events() {
        return events;
    }

    List<IdempotencyRow> keys() {
        return keys;
    }

    boolean isEmpty() {
        return events.isEmpty() && keys.isEmpty();
    }

    /**
     * The stream positions and keys this append takes. Two appends that share one are never written in one group,
     * so that one is refused against what is stored, never against a neighbour that might itself be refused.
     */
    Set<Object> claims() {
        Set<Object> claims = new HashSet<>();
        events.forEach(row -> claims.add(List.of(row.aggregateIdentifier(), row.sequenceNumber())));
        keys.forEach(row -> claims.add(List.of(row.actor(), row.key())));
        return claims;
    }

    void committed() {
        outcome.complete(null);
    }

    void failed(RuntimeException failure) {
        outcome.completeExceptionally(failure);
    }

    /** Waits until the group holding this append was written; throws what refused or broke it. */
    void await(Duration atMost) {
        try {
            outcome.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            // The group may still be written: the client must be told that the outcome is unknown.
            throw CommitOutcomeUnknownException.classify(new IllegalStateException(
                    "no outcome of the group commit within " + atMost, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommitOutcomeUnknownException.classify(new IllegalStateException("interrupted while committing", e));
        }
    }
}
