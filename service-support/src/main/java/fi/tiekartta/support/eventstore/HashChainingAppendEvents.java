package fi.tiekartta.support.eventstore;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Axon's append, plus the tamper-evident hash of each event chained to the previous event of its stream
 * ({@link CanonicalEvent}). It runs on the append's own connection, inside its transaction, so the previous
 * hash it reads is the one this transaction sees; the unique (aggregate, sequence) key still decides between
 * two writers of one stream, so a chain can never fork.
 *
 * <p>The hash must cover the bytes the row will hold, so this builder serializes the events itself, exactly as
 * Axon's default statement does, and writes the timestamp as Axon's JDBC engine writes it
 * ({@link DateTimeUtils#formatInstant}, the text its {@code readTimeStamp} parses back).
 */
public class HashChainingAppendEvents implements AppendEventsStatementBuilder {

    public static final String HASH_COLUMN = "event_hash";

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
                                   List<? extends EventMessage<?>> events, Serializer serializer,
                                   TimestampWriter timestampWriter) throws SQLException {
        if (dataType != String.class) {
            throw new IllegalStateException("The hash chain covers payload and metadata as stored text; "
                                            + "configure the storage engine with dataType(String.class).");
        }
        List<Row> rows = hashedRows(events, serializer,
                                    (aggregate, sequence) -> storedHash(connection, schema, aggregate, sequence));
        return prepareInsert(connection, schema, rows);
    }

    /** Where the hash of a stream's event that is not among the events being appended comes from. */
    @FunctionalInterface
    public interface PreviousHashes {

        /** The stored hash of the event at {@code sequenceNumber} (never negative), or {@code ""} where there is none. */
        String of(String aggregateIdentifier, long sequenceNumber) throws SQLException;
    }

    /**
     * The rows of {@code events} as they will be stored, each with its hash chained to the previous event of its
     * stream: an earlier event of the same list, or else the one {@code stored} gives. The one place an append's
     * rows are made: Axon's append path here, and the command-service's group commit.
     */
    public static List<Row> hashedRows(List<? extends EventMessage<?>> events, Serializer serializer,
                                       PreviousHashes stored) throws SQLException {
        List<Row> rows = new ArrayList<>(events.size());
        Map<Position, String> inThisAppend = new HashMap<>();   // an earlier event of this batch is not stored yet
        for (EventMessage<?> message : events) {
            Row row = Row.of(asDomainEventMessage(message), serializer);
            Position previousPosition = new Position(row.aggregateIdentifier(), row.sequenceNumber() - 1);
            String previous = inThisAppend.get(previousPosition);
            if (previous == null) {
                previous = previousPosition.sequenceNumber() < 0
                        ? "" : stored.of(previousPosition.aggregateIdentifier(), previousPosition.sequenceNumber());
            }
            String hash = row.covered(previous).hash();
            inThisAppend.put(new Position(row.aggregateIdentifier(), row.sequenceNumber()), hash);
            rows.add(row.withHash(hash));
        }
        return rows;
    }

    /** An event's place: its stream and sequence number. */
    private record Position(String aggregateIdentifier, long sequenceNumber) {
    }

    /**
     * The one place the INSERT is prepared. It first takes the append lock (held until this transaction ends),
     * so that appends commit in the order of their global index: PostgreSQL hands out index values at insert
     * and makes them visible at commit, and a reader that saw index N+1 before N committed would, once its gap
     * timeout passed, skip N for ever (Axon's gap-aware token forgets a gap after its timeout). With one appender at a time, an event is never
     * visible before an earlier-indexed one that will still commit (docs/RELIABILITY.md).
     */
    protected PreparedStatement prepareInsert(Connection connection, EventSchema schema, List<Row> rows)
            throws SQLException {
        AppendLock.takeFor(connection);
        String columns = String.join(", ", schema.eventIdentifierColumn(), schema.aggregateIdentifierColumn(),
                                     schema.sequenceNumberColumn(), schema.typeColumn(), schema.timestampColumn(),
                                     schema.payloadTypeColumn(), schema.payloadRevisionColumn(),
                                     schema.payloadColumn(), schema.metaDataColumn(), HASH_COLUMN);
        PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO " + schema.domainEventTable() + " (" + columns + ") VALUES (?,?,?,?,?,?,?,?,?,?)");
        for (Row row : rows) {
            statement.setString(1, row.eventIdentifier());
            statement.setString(2, row.aggregateIdentifier());
            statement.setLong(3, row.sequenceNumber());
            statement.setString(4, row.type());
            statement.setString(5, row.timeStamp());
            statement.setString(6, row.payloadType());
            statement.setString(7, row.payloadRevision());
            statement.setString(8, row.payload());
            statement.setString(9, row.metaData());
            statement.setString(10, row.hash());
            statement.addBatch();
        }
        return statement;
    }

    /**
     * The stored hash of one event, or {@code ""} where there is none: a stream's first append, or a row from
     * outside this builder (the verifier then reports the broken link; refusing the append would not repair it).
     */
    private static String storedHash(Connection connection, EventSchema schema, String aggregateIdentifier,
                                     long sequenceNumber) throws SQLException {
        String sql = "SELECT " + HASH_COLUMN + " FROM " + schema.domainEventTable()
                     + " WHERE " + schema.aggregateIdentifierColumn() + " = ? AND " + schema.sequenceNumberColumn() + " = ?";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, aggregateIdentifier);
            query.setLong(2, sequenceNumber);
            try (ResultSet result = query.executeQuery()) {
                String hash = result.next() ? result.getString(1) : null;
                return hash == null ? "" : hash;
            }
        }
    }

    /** Axon's own rule for events without an aggregate: their id is the stream, of one event at sequence 0. */
    private static DomainEventMessage<?> asDomainEventMessage(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain
                ? domain
                : new GenericDomainEventMessage<>(null, event.getIdentifier(), 0L, event, event::getTimestamp);
    }

    /** One event as its row will read: every column as text, and its hash. */
    public record Row(String eventIdentifier, String aggregateIdentifier, long sequenceNumber, String type,
                      String timeStamp, String payloadType, String payloadRevision, String payload,
                      String metaData, String hash) {

        static Row of(DomainEventMessage<?> event, Serializer serializer) {
            SerializedObject<String> payload = event.serializePayload(serializer, String.class);
            SerializedObject<String> metaData = event.serializeMetaData(serializer, String.class);
            Row row = new Row(event.getIdentifier(), event.getAggregateIdentifier(), event.getSequenceNumber(),
                              event.getType(), DateTimeUtils.formatInstant(event.getTimestamp()),
                              payload.getType().getName(), payload.getType().getRevision(), payload.getData(),
                              metaData.getData(), null);
            row.requireSingleLineFields();
            return row;
        }

        CanonicalEvent covered(String previousHash) {
            return new CanonicalEvent(previousHash, eventIdentifier, aggregateIdentifier, sequenceNumber, type,
                                      payloadType, payloadRevision, timeStamp, metaData, payload);
        }

        Row withHash(String hash) {
            return new Row(eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType,
                           payloadRevision, payload, metaData, hash);
        }

        /** The canonical form is line-based: a line break in an identifier would make it ambiguous. */
        private void requireSingleLineFields() {
            for (String field : new String[]{eventIdentifier, aggregateIdentifier, type, payloadType, payloadRevision}) {
                if (field != null && (field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0)) {
                    throw new IllegalArgumentException("An event identifier, aggregate id or type may not contain a "
                                                       + "line break: " + field.replace("\n", "\\n"));
                }
            }
        }
    }
}
