package fi.tiekartta.command.append;

import fi.tiekartta.command.append.AppendGroupStatement.Reason;
import fi.tiekartta.command.append.AppendGroupStatement.Refusal;
import fi.tiekartta.support.eventstore.HashChainingAppendEvents.Row;
import fi.tiekartta.support.web.CommitOutcomeUnknownException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Group commit: the one thread of this instance that writes to the event store. It takes every append waiting at
 * that moment (up to {@code maxGroup}), writes them with one statement — one lock, one multi-row INSERT, one WAL
 * flush ({@link AppendGroupFunction}) — and answers each: written, refused (only that command: a stream position
 * or Idempotency-Key stored first by someone else), or failed as the whole group did. While one group is being
 * written the next one gathers, so under load a group holds about as many commands as arrived during one commit.
 *
 * <p>How a failure is told: the database unreachable before anything was sent is "unavailable" (nothing recorded);
 * an error the database reported for the statement means the statement's implicit transaction rolled back, so
 * nothing was written — a group of several is then written again one member at a time, so that only the member at
 * fault fails; a connection cut off during the statement may have committed or not, and every member is told
 * {@link CommitOutcomeUnknownException}.
 */
public class GroupAppender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupAppender.class);

    private final DataSource dataSource;
    private final AppendGroupStatement statement;
    private final StreamHeads heads;
    private final int maxGroup;
    private final BlockingQueue<PendingAppend> waiting = new LinkedBlockingQueue<>();
    /** Taken from the queue but left for the next group (only the appender's thread touches it). */
    private final List<PendingAppend> deferred = new ArrayList<>();
    private final Thread thread;
    private final DistributionSummary groupSizes;
    private final Timer writes;
    private volatile boolean running = true;

    public GroupAppender(DataSource dataSource, AppendGroupStatement statement, StreamHeads heads, int maxGroup,
                         MeterRegistry meters) {
        this.dataSource = dataSource;
        this.statement = statement;
        this.heads = heads;
        this.maxGroup = maxGroup;
        this.groupSizes = DistributionSummary.builder("tiekartta.group.commit.commands")
                                             .description("Commands written per group commit").register(meters);
        this.writes = Timer.builder("tiekartta.group.commit.write")
                           .description("Time of one group commit's statement: lock, inserts and COMMIT")
                           .register(meters);
        this.thread = new Thread(this::run, "group-commit");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues {@code pending} for the next group and waits until that group was written or refused it. */
    void append(PendingAppend pending, Duration maxWait) {
        if (!running) {
            throw new IllegalStateException("the command-service is shutting down; nothing was recorded");
        }
        waiting.add(pending);
        pending.await(maxWait);
    }

    /** Appends waiting for the next group (for tests that need a group of known members). */
    int queued() {
        return waiting.size();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
        List<PendingAppend> left = new ArrayList<>();
        waiting.drainTo(left);
        left.forEach(p -> p.failed(new IllegalStateException("the command-service shut down; nothing was recorded")));
    }

    private void run() {
        while (running || !waiting.isEmpty() || !deferred.isEmpty()) {
            try {
                List<PendingAppend> candidates = new ArrayList<>(deferred);
                deferred.clear();
                if (candidates.isEmpty()) {
                    PendingAppend first = waiting.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    candidates.add(first);
                }
                waiting.drainTo(candidates, Math.max(0, maxGroup - candidates.size()));
                List<PendingAppend> group = new ArrayList<>();
                Set<Object> claimed = new HashSet<>();
                for (PendingAppend candidate : candidates) {
                    Set<Object> claims = candidate.claims();
                    if (claims.stream().anyMatch(claimed::contains)) {
                        deferred.add(candidate);   // waits for the outcome of the one that claimed it first
                    } else {
                        claimed.addAll(claims);
                        group.add(candidate);
                    }
                }
                write(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error unexpected) {
                log.error("Group commit failed unexpectedly", unexpected);
            }
        }
    }

    private void write(List<PendingAppend> group) {
        try {
            writeOrFail(group);
        } catch (RuntimeException | Error e) {
            RuntimeException failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
            group.forEach(member -> member.failed(CommitOutcomeUnknownException.classify(failure)));
            throw e;
        }
    }

    private void writeOrFail(List<PendingAppend> group) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException unreachable) {
            // Everyone waiting now would wait as long again for the next group: they are all told at once.
            CannotGetJdbcConnectionException failure =
                    new CannotGetJdbcConnectionException("No connection for the group commit", unreachable);
            List<PendingAppend> told = new ArrayList<>(group);
            told.addAll(deferred);
            deferred.clear();
            waiting.drainTo(told);
            told.forEach(member -> member.failed(failure));
            return;
        }
        List<Refusal> refusals;
        try (connection) {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            Timer.Sample started = Timer.start();
            refusals = statement.write(connection, group);
            started.stop(writes);
            groupSizes.record(group.size());
        } catch (SQLException failed) {
            if (outcomeUnknown(failed)) {
                RuntimeException unknown = CommitOutcomeUnknownException.classify(
                        new TransientDataAccessResourceException("The group commit was cut off", failed));
                group.forEach(member -> member.failed(unknown));
            } else if (group.size() > 1) {
                log.warn("A group of {} was refused as a whole ({}); writing its members one by one",
                         group.size(), failed.getMessage());
                group.forEach(member -> writeOrFail(List.of(member)));
            } else {
                group.get(0).failed(refusedAlone(group.get(0), failed));
            }
            return;
        }
        Set<Integer> refused = new HashSet<>();
        for (Refusal refusal : refusals) {
            refused.add(refusal.index());
            PendingAppend member = group.get(refusal.index());
            member.failed(refusal.reason() == Reason.KEY
                                  ? new IdempotencyKeyTakenException(member.keys().get(0))
                                  : conflict(member, "the position was stored first by another command"));
        }
        for (int i = 0; i < group.size(); i++) {
            if (!refused.contains(i)) {
                heads.written(group.get(i).events());
                group.get(i).committed();
            }
        }
    }

    /**
     * A database error for a statement (anything but a broken connection) means its transaction rolled back: nothing
     * was written. A broken connection (SQLSTATE class 08, a server shutting down 57P0x, or no state at all) may
     * have been cut off after the commit was durable.
     */
    private static boolean outcomeUnknown(SQLException failure) {
        String state = failure.getSQLState();
        return state == null || state.startsWith("08") || state.startsWith("57P");
    }

    private static RuntimeException refusedAlone(PendingAppend member, SQLException failure) {
        if ("23505".equals(failure.getSQLState()) && !member.events().isEmpty()) {
            return conflict(member, failure.getMessage());
        }
        return new EventStoreException("The append was refused by the database: " + failure.getMessage(), failure);
    }

    /**
     * The exception Axon's JDBC engine throws for a duplicate key, decided the same way (by the append's first
     * event), so that the API answers exactly as before: 409 "Project exists" or "Concurrent change".
     */
    private static RuntimeException conflict(PendingAppend member, String why) {
        Row first = member.events().get(0);
        if (first.sequenceNumber() == 0) {
            return new AggregateStreamCreationException(String.format(
                    "Cannot reuse aggregate identifier [%s] to create aggregate [%s] since identifiers need to be "
                    + "unique. Original message: [%s]", first.aggregateIdentifier(), first.type(), why));
        }
        return new ConcurrencyException(String.format(
                "An event for aggregate [%s] at sequence [%d] was already inserted. Original message: [%s]",
                first.aggregateIdentifier(), first.sequenceNumber(), why));
    }
}
