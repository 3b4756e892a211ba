-- Stream heads (docs/AUDIT.md, "The digest"): the last event of every stream, kept current by the statement that
-- inserts events, so that the digest of the event log is computed from one row per stream instead of re-reading
-- and re-hashing every event of the store (the year-end report carries that digest). GET /api/audit/verify does
-- not use this table: it still recomputes every chain from the events themselves.
--
-- A row per stream: its last sequence, that event's stored hash, global index and time stamp, and the recording
-- time of its first and last event, so that "the heads as known at an instant K" needs no store scan: a stream
-- whose last event was recorded by K has this head; one whose first event was recorded after K has none; for the
-- others the last event recorded by K is found by the (aggregate_identifier, sequence_number) index, walking back
-- from the head.

-- The recording time of a stored time_stamp, as Axon writes it (ISO-8601 in UTC, e.g. 2026-11-30T02:16:37.123Z);
-- NULL for any other text, which Axon would not read either: such a row counts as recorded at no instant, as the
-- verification (StoredEvent.recordedBy) counts it.
CREATE FUNCTION event_store.recorded_instant(time_stamp TEXT) RETURNS TIMESTAMPTZ
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT CASE WHEN time_stamp ~ '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$'
                THEN CAST(time_stamp AS TIMESTAMPTZ) END
$$;

CREATE TABLE event_store.stream_head (
    aggregate_identifier TEXT        PRIMARY KEY,
    last_sequence        BIGINT      NOT NULL,
    last_hash            TEXT        NOT NULL,
    last_global_index    BIGINT      NOT NULL,
    last_time_stamp      TEXT        NOT NULL,
    -- NULL where the time stamp is not Axon's form (see recorded_instant): the digest then walks the stream.
    last_recorded_at     TIMESTAMPTZ,
    first_recorded_at    TIMESTAMPTZ
);

-- Kept by a statement-level trigger rather than inside append_group alone, so that every writer of the store
-- (the group appender, Axon's own engine, migrations and tests) keeps it current, in the same statement and
-- transaction as the events. One upsert per INSERT statement: a group commit adds one statement, not one per event.
CREATE FUNCTION event_store.keep_stream_heads() RETURNS TRIGGER
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO event_store.stream_head AS h (aggregate_identifier, last_sequence, last_hash, last_global_index,
                                              last_time_stamp, last_recorded_at, first_recorded_at)
    SELECT DISTINCT ON (n.aggregate_identifier)
           n.aggregate_identifier, n.sequence_number, n.event_hash, n.global_index, n.time_stamp,
           event_store.recorded_instant(n.time_stamp),
           event_store.recorded_instant(first_value(n.time_stamp) OVER (PARTITION BY n.aggregate_identifier
                                                                        ORDER BY n.sequence_number))
    FROM new_events n
    WHERE n.aggregate_identifier IS NOT NULL
    ORDER BY n.aggregate_identifier, n.sequence_number DESC
    ON CONFLICT (aggregate_identifier) DO UPDATE
        SET last_sequence     = excluded.last_sequence,
            last_hash         = excluded.last_hash,
            last_global_index = excluded.last_global_index,
            last_time_stamp   = excluded.last_time_stamp,
            last_recorded_at  = excluded.last_recorded_at
        WHERE excluded.last_sequence > h.last_sequence;
    RETURN NULL;
END
$$;

CREATE TRIGGER domain_event_entry_stream_heads
    AFTER INSERT ON event_store.domain_event_entry
    REFERENCING NEW TABLE AS new_events
    FOR EACH STATEMENT EXECUTE FUNCTION event_store.keep_stream_heads();

-- The heads of the events stored before this migration.
INSERT INTO event_store.stream_head (aggregate_identifier, last_sequence, last_hash, last_global_index,
                                     last_time_stamp, last_recorded_at, first_recorded_at)
SELECT DISTINCT ON (e.aggregate_identifier)
       e.aggregate_identifier, e.sequence_number, e.event_hash, e.global_index, e.time_stamp,
       event_store.recorded_instant(e.time_stamp),
       event_store.recorded_instant(first_value(e.time_stamp) OVER (PARTITION BY e.aggregate_identifier
                                                                    ORDER BY e.sequence_number))
FROM event_store.domain_event_entry e
WHERE e.aggregate_identifier IS NOT NULL
ORDER BY e.aggregate_identifier, e.sequence_number DESC;

-- The query-service's role reads it like every table of event_store: deploy/postgres/roles.sql grants SELECT on
-- the tables the command-service's migrations create (ALTER DEFAULT PRIVILEGES), and LeastPrivilegeIT checks it.
