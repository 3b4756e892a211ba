package fi.tiekartta.query.audit;

import fi.tiekartta.support.eventstore.EventStoreTables;
import fi.tiekartta.support.eventstore.HashChainingAppendEvents;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the event store's rows as they are, with plain SQL and without Axon in between: what an auditor sees
 * is what the table holds, including what Axon would refuse to read.
 */
@Repository
class StoredEvents {

    private static final String SELECT = "SELECT global_index, event_identifier, aggregate_identifier, sequence_number, "
            + "type, time_stamp, payload_type, payload_revision, payload, meta_data, "
            + HashChainingAppendEvents.HASH_COLUMN + " FROM " + EventStoreTables.DOMAIN_EVENTS;

    /** Rows are streamed, not collected, when the whole store is read. */
    private static final int FETCH_SIZE = 1000;

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;

    StoredEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(FETCH_SIZE);
    }

    /** Up to {@code limit} events of one stream from {@code fromSequence} on, in sequence order. */
    List<StoredEvent> page(String aggregateIdentifier, long fromSequence, int limit) {
        return jdbc.query(SELECT + " WHERE aggregate_identifier = ? AND sequence_number >= ? "
                          + "ORDER BY sequence_number LIMIT ?", ROW, aggregateIdentifier, fromSequence, limit);
    }

    /** Every event of one stream, in sequence order. */
    List<StoredEvent> stream(String aggregateIdentifier) {
        return jdbc.query(SELECT + " WHERE aggregate_identifier = ? ORDER BY sequence_number", ROW, aggregateIdentifier);
    }

    boolean exists(String aggregateIdentifier) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM " + EventStoreTables.DOMAIN_EVENTS + " WHERE aggregate_identifier = ?)",
                Boolean.class, aggregateIdentifier));
    }

    /**
     * Every event of the store, stream after stream, each stream in sequence order. Cursor-based (PostgreSQL
     * only fetches in batches inside a transaction, so call this in one).
     */
    void forEach(Consumer<StoredEvent> action) {
        streaming.query(SELECT + " ORDER BY aggregate_identifier, sequence_number",
                        (ResultSet rs) -> action.accept(ROW.mapRow(rs, 0)));
    }

    private static final RowMapper<StoredEvent> ROW = (rs, i) -> new StoredEvent(
            rs.getLong("global_index"),
            rs.getString("event_identifier"),
            rs.getString("aggregate_identifier"),
            rs.getLong("sequence_number"),
            rs.getString("type"),
            rs.getString("time_stamp"),
            rs.getString("payload_type"),
            rs.getString("payload_revision"),
            rs.getString("payload"),
            rs.getString("meta_data"),
            rs.getString(HashChainingAppendEvents.HASH_COLUMN));
}
