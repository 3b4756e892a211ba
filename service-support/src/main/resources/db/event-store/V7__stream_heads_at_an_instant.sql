-- The heads as known at a past instant K without walking the streams back (docs/AUDIT.md, "The digest"). The head
-- of a stream at K is its last event recorded by K: the highest sequence number whose time stamp is at or before K.
-- V5 finds it by walking back from the stream's head, one event at a time, through every event recorded since K:
-- for the benchmark's 2025-02-15, a third of its store (docs/PERFORMANCE.md, "What changed on 2026-12-02 (night)").
--
-- Most streams need no walk. Where every time stamp of a stream is in the one form Axon writes
-- (YYYY-MM-DDThh:mm:ss.sssZ, whose text sorts as its time) and never earlier than the one before it in the stream,
-- the last event recorded by K is the last one in (time stamp, sequence) order whose time stamp is at or before
-- K's: one probe of the index below. stream_head.stamps_in_order says which streams those are, kept by the same
-- trigger as the heads; a stream that breaks it once (clocks of two command-service instances apart, a time stamp
-- written by another hand, an event inserted below the head) keeps walking, as every stream did before.
--
-- Applying it: on the benchmark's store of 1,000,000 events it took 4.4–4.7 s (the index's build and the flags of the
-- streams stored before), during which appends wait (the lock below) and so does the year-end report, which reads
-- stream_head (ALTER TABLE locks it). Each insert statement then costs its trigger and the index a little more
-- (docs/PERFORMANCE.md, "What changed on 2026-12-02 (night)").

-- The one form, exactly: the text is what the time stamp's instant prints as in that form (so neither 24:00 nor a
-- leap second, which would sort apart from their instants).
CREATE FUNCTION event_store.canonical_stamp(time_stamp TEXT) RETURNS BOOLEAN
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT CASE WHEN time_stamp ~ '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$' -- CASE: no cast of anything else
                THEN to_char(CAST(time_stamp AS TIMESTAMPTZ) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') = time_stamp
                ELSE false END
$$;

-- The one home of the rule "in order": a time stamp in the one form and not before the one before it in the stream
-- (none: the first), byte by byte. Used by the trigger and by the flags of the streams stored before.
CREATE FUNCTION event_store.stamp_in_order(time_stamp TEXT, stamp_before TEXT) RETURNS BOOLEAN
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT event_store.canonical_stamp(time_stamp)
           AND (stamp_before IS NULL OR time_stamp COLLATE "C" >= stamp_before COLLATE "C")
$$;

-- Appends wait from here to the end: an append that had inserted its events before would otherwise wait for
-- stream_head (its trigger) while this waited for it (the index's build), a deadlock.
LOCK TABLE event_store.domain_event_entry IN SHARE MODE;

ALTER TABLE event_store.stream_head ADD COLUMN stamps_in_order BOOLEAN NOT NULL DEFAULT false;

-- The stamps in the order of the bytes, whatever the database's collation; the sequence number last, so that of
-- events with one time stamp the last is found first (the index is read backwards).
CREATE INDEX domain_event_entry_stream_stamps
    ON event_store.domain_event_entry (aggregate_identifier, time_stamp COLLATE "C", sequence_number);

-- V5's trigger function, now also keeping stamps_in_order. A new stream's events must be in order among themselves.
-- A known stream's must also all come above its head, the first not before the head's time stamp, and the stream
-- must have been in order until then; these are checked in the upsert, against the head as it is when the upsert
-- has it locked (a writer that inserted into the stream meanwhile has committed by then), not as the statement's
-- snapshot saw it. Below the head (a gap filled after later events) the flag is cleared and the head stays. Once
-- cleared, a stream's flag is never set again.
CREATE OR REPLACE FUNCTION event_store.keep_stream_heads() RETURNS TRIGGER
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO event_store.stream_head AS h (aggregate_identifier, last_sequence, last_hash, last_global_index,
                                              last_time_stamp, last_recorded_at, first_recorded_at, stamps_in_order)
    SELECT DISTINCT ON (s.aggregate_identifier)
           s.aggregate_identifier, s.sequence_number, s.event_hash, s.global_index, s.time_stamp,
           event_store.recorded_instant(s.time_stamp),
           event_store.recorded_instant(first_value(s.time_stamp) OVER w),
           bool_and(s.in_order) OVER w -- on the last event, over all of them
    FROM (SELECT n.aggregate_identifier, n.sequence_number, n.event_hash, n.global_index, n.time_stamp,
                 event_store.stamp_in_order(n.time_stamp, lag(n.time_stamp) OVER (PARTITION BY n.aggregate_identifier
                                                                                  ORDER BY n.sequence_number)) AS in_order
          FROM new_events n
          WHERE n.aggregate_identifier IS NOT NULL) s
    WINDOW w AS (PARTITION BY s.aggregate_identifier ORDER BY s.sequence_number)
    ORDER BY s.aggregate_identifier, s.sequence_number DESC
    ON CONFLICT (aggregate_identifier) DO UPDATE
        SET last_sequence     = CASE WHEN excluded.last_sequence > h.last_sequence THEN excluded.last_sequence ELSE h.last_sequence END,
            last_hash         = CASE WHEN excluded.last_sequence > h.last_sequence THEN excluded.last_hash ELSE h.last_hash END,
            last_global_index = CASE WHEN excluded.last_sequence > h.last_sequence THEN excluded.last_global_index ELSE h.last_global_index END,
            last_time_stamp   = CASE WHEN excluded.last_sequence > h.last_sequence THEN excluded.last_time_stamp ELSE h.last_time_stamp END,
            last_recorded_at  = CASE WHEN excluded.last_sequence > h.last_sequence THEN excluded.last_recorded_at ELSE h.last_recorded_at END,
            -- excluded.first_recorded_at is the first new event's (the column itself is never updated)
            stamps_in_order   = excluded.stamps_in_order AND h.stamps_in_order
                                AND excluded.first_recorded_at >= h.last_recorded_at
                                AND (SELECT min(n.sequence_number) FROM new_events n
                                     WHERE n.aggregate_identifier = h.aggregate_identifier) > h.last_sequence
        WHERE excluded.last_sequence > h.last_sequence OR h.stamps_in_order;
    RETURN NULL;
END
$$;

-- The streams stored before this migration.
UPDATE event_store.stream_head h
SET stamps_in_order = s.in_order
FROM (SELECT e.aggregate_identifier,
             bool_and(event_store.stamp_in_order(e.time_stamp, e.before)) AS in_order
      FROM (SELECT aggregate_identifier, time_stamp,
                   lag(time_stamp) OVER (PARTITION BY aggregate_identifier ORDER BY sequence_number) AS before
            FROM event_store.domain_event_entry) e
      GROUP BY e.aggregate_identifier) s
WHERE s.aggregate_identifier = h.aggregate_identifier;
