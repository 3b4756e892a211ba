package fi.tiekartta.command.append;

import fi.tiekartta.support.eventstore.HashChainingAppendEvents;
import fi.tiekartta.support.eventstore.HashChainingAppendEvents.Row;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.serialization.Serializer;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The command-service's storage engine: Axon's JDBC engine for everything it reads, but an append does not write.
 * Axon calls {@link #appendEvents} when a unit of work prepares its commit; here the events are serialized and
 * hashed on the command's own thread (the same rows {@link HashChainingAppendEvents} makes) and added to the unit of
 * work's {@link PendingAppend}, which its transaction hands to the {@link GroupAppender} at commit. An append
 * outside any unit of work is a group of its own.
 */
public class GroupCommitStorageEngine implements EventStorageEngine {

    private final EventStorageEngine reads;
    private final Serializer serializer;
    private final StreamHeads heads;
    private final TransactionManager transactions;

    public GroupCommitStorageEngine(EventStorageEngine reads, Serializer serializer, StreamHeads heads,
                                    TransactionManager transactions) {
        this.reads = reads;
        this.serializer = serializer;
        this.heads = heads;
        this.transactions = transactions;
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        if (events.isEmpty()) {
            return;
        }
        if (PendingAppend.current().isPresent()) {
            PendingAppend.current().get().addEvents(rows(events));
        } else {
            transactions.executeInTransaction(() -> PendingAppend.current().orElseThrow().addEvents(rows(events)));
        }
    }

    private List<Row> rows(List<? extends EventMessage<?>> events) {
        try {
            return HashChainingAppendEvents.hashedRows(events, serializer, heads::hashAt);
        } catch (SQLException e) {
            throw new EventStoreException("The previous event's hash could not be read", e);
        }
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        reads.storeSnapshot(snapshot);
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return reads.readEvents(trackingToken, mayBlock);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier) {
        return reads.readEvents(aggregateIdentifier);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return reads.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return reads.readSnapshot(aggregateIdentifier);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return heads.lastSequenceNumber(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return reads.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return reads.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return reads.createTokenAt(dateTime);
    }
}
