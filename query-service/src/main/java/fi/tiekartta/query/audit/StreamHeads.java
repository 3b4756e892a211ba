package fi.tiekartta.query.audit;

import fi.tiekartta.support.eventstore.EventStoreTables;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * The last event of every stream recorded up to an instant, as the store's hash column holds it, read from the
 * stream heads the store keeps at every insert (V5__stream_head.sql) rather than from every event.
 *
 * <p>A stream whose head was recorded by the instant contributes its head; one whose first event was recorded
 * later contributes nothing; for the rest (a past instant inside the stream's life, or a time stamp not in Axon's
 * form) the last event recorded by then is found by walking the stream back from its head on the
 * (aggregate_identifier, sequence_number) index: as many rows as the stream gained since, not the store.
 */
@Repository
class StreamHeads {

    private static final String AT = "SELECT aggregate_identifier, last_sequence AS sequence_number, last_hash AS event_hash"
            + " FROM " + EventStoreTables.STREAM_HEADS + " WHERE last_recorded_at <= ?"
            + " UNION ALL"
            + " SELECT h.aggregate_identifier, e.sequence_number, e.event_hash FROM " + EventStoreTables.STREAM_HEADS + " h"
            + " CROSS JOIN LATERAL (SELECT d.sequence_number, d.event_hash FROM " + EventStoreTables.DOMAIN_EVENTS + " d"
            + "   WHERE d.aggregate_identifier = h.aggregate_identifier AND d.sequence_number <= h.last_sequence"
            + "     AND event_store.recorded_instant(d.time_stamp) <= ?"
            + "   ORDER BY d.sequence_number DESC LIMIT 1) e"
            + " WHERE (h.last_recorded_at IS NULL OR h.last_recorded_at > ?)"
            + "   AND (h.first_recorded_at IS NULL OR h.first_recorded_at <= ?)";

    private final JdbcTemplate jdbc;

    StreamHeads(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The head of every stream as known at {@code knownAt}, its stored hash standing for the chained one. */
    List<ChainVerification.Head> at(Instant knownAt) {
        Timestamp known = Timestamp.from(knownAt);
        return jdbc.query(AT, (rs, i) -> {
            String hash = rs.getString("event_hash");
            return new ChainVerification.Head(rs.getString("aggregate_identifier"), rs.getLong("sequence_number"), hash, hash);
        }, known, known, known, known);
    }
}
