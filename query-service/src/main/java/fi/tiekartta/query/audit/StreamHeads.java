package fi.tiekartta.query.audit;

import fi.tiekartta.support.eventstore.EventStoreTables;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The last event of every stream recorded up to an instant, as the store's hash column holds it, read from the
 * stream heads the store keeps at every insert (V5__stream_head.sql) rather than from every event.
 *
 * <p>A stream whose head was recorded by the instant contributes its head. Of the rest, a stream whose time stamps
 * the store keeps in order (V7__stream_heads_at_an_instant.sql) contributes the last of its events in (time stamp,
 * sequence) order at or before the instant's time stamp, if any: one probe of the store's index of them. A stream
 * not known to be in order (or with a time stamp not in Axon's form) is walked back from its head on the
 * (aggregate_identifier, sequence_number) index, as many rows as it gained since, not the store, to its last event
 * recorded by then, if any: its first event may have been recorded after a later one.
 */
@Repository
class StreamHeads {

    private static final String AT = "SELECT aggregate_identifier, last_sequence AS sequence_number, last_hash AS event_hash"
            + " FROM " + EventStoreTables.STREAM_HEADS + " WHERE last_recorded_at <= ?"
            + " UNION ALL"
            + " SELECT h.aggregate_identifier, e.sequence_number, e.event_hash FROM " + EventStoreTables.STREAM_HEADS + " h"
            + " CROSS JOIN LATERAL (SELECT d.sequence_number, d.event_hash FROM " + EventStoreTables.DOMAIN_EVENTS + " d"
            + "   WHERE d.aggregate_identifier = h.aggregate_identifier AND d.time_stamp COLLATE \"C\" <= ?"
            + "   ORDER BY d.time_stamp COLLATE \"C\" DESC, d.sequence_number DESC LIMIT 1) e"
            + " WHERE h.stamps_in_order AND h.last_recorded_at > ?"
            + " UNION ALL"
            + " SELECT h.aggregate_identifier, e.sequence_number, e.event_hash FROM " + EventStoreTables.STREAM_HEADS + " h"
            + " CROSS JOIN LATERAL (SELECT d.sequence_number, d.event_hash FROM " + EventStoreTables.DOMAIN_EVENTS + " d"
            + "   WHERE d.aggregate_identifier = h.aggregate_identifier AND d.sequence_number <= h.last_sequence"
            + "     AND event_store.recorded_instant(d.time_stamp) <= ?"
            + "   ORDER BY d.sequence_number DESC LIMIT 1) e"
            + " WHERE NOT h.stamps_in_order AND (h.last_recorded_at IS NULL OR h.last_recorded_at > ?)";

    /** Time stamps as Axon writes them (DateTimeUtils.formatInstant), for years 0000 to 9999. */
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Instant FIRST_STAMPED = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant AFTER_LAST_STAMPED = Instant.parse("+10000-01-01T00:00:00Z");

    /**
     * An instant's time stamp as Axon writes them, to the millisecond: a time stamp in that form was recorded by the
     * instant exactly when its text sorts at or before this one, byte by byte. Outside the years that form can write,
     * the first or the last text of the form.
     */
    static String stampBound(Instant knownAt) {
        if (knownAt.isBefore(FIRST_STAMPED)) {
            return "";
        }
        if (!knownAt.isBefore(AFTER_LAST_STAMPED)) {
            return "9999-12-31T23:59:59.999Z";
        }
        return STAMP.format(knownAt.truncatedTo(ChronoUnit.MILLIS));
    }

    private final JdbcTemplate jdbc;

    StreamHeads(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The head of every stream as known at {@code knownAt}, its stored hash standing for the chained one. */
    List<ChainVerification.Head> at(Instant knownAt) {
        // To the microsecond, as PostgreSQL keeps instants (truncated, not rounded as the driver would round a
        // Timestamp's nanoseconds), and in the proleptic calendar of Instant (not the Julian one of old Timestamps).
        OffsetDateTime known = OffsetDateTime.ofInstant(knownAt.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        return jdbc.query(AT, (rs, i) -> {
            String hash = rs.getString("event_hash");
            return new ChainVerification.Head(rs.getString("aggregate_identifier"), rs.getLong("sequence_number"), hash, hash);
        }, known, stampBound(knownAt), known, known, known);
    }
}
