-- Group commit (docs/RELIABILITY.md, "Group commit"): the command-service's appender writes the events and
-- idempotency rows of every command waiting at that moment with one call of this function, in autocommit, so
-- that taking the append lock, the pre-check, both inserts and the COMMIT (one WAL flush) are one round trip and
-- no client round trip sits inside the lock.
--
-- Rows belong to members (one member = one command's unit of work, numbered by the caller). A member whose event
-- takes an (aggregate, sequence) that is already stored, or whose idempotency key is already stored, is refused
-- and nothing of it is written; the others are. The check runs after the lock is taken, and every writer of the
-- store takes that lock, so it cannot race. The caller never puts two members that claim the same (aggregate,
-- sequence) or the same key into one call; should a unique key still be violated, the call fails as a whole and
-- nothing is written.
--
-- Events are inserted in the order given, so that global_index follows it: a stream's events in sequence order.
CREATE FUNCTION event_store.append_group(
    lock_key       BIGINT,
    e_member       INTEGER[], e_identifier TEXT[], e_aggregate TEXT[], e_sequence BIGINT[], e_type TEXT[],
    e_time_stamp   TEXT[], e_payload_type TEXT[], e_payload_revision TEXT[], e_payload TEXT[], e_meta_data TEXT[],
    e_hash         TEXT[],
    k_member       INTEGER[], k_actor TEXT[], k_key TEXT[], k_fingerprint TEXT[], k_status INTEGER[], k_body TEXT[],
    k_location     TEXT[], k_etag TEXT[])
    RETURNS TABLE (refused_member INTEGER, refused_because TEXT)
    LANGUAGE plpgsql VOLATILE
AS $$
DECLARE
    refused  INTEGER[];
    because  TEXT[];
BEGIN
    -- AppendLock.KEY: held until this (implicit) transaction commits, so commit order is global-index order.
    PERFORM pg_advisory_xact_lock(lock_key);

    SELECT coalesce(array_agg(r.member ORDER BY r.member), '{}'), coalesce(array_agg(r.why ORDER BY r.member), '{}')
    INTO refused, because
    FROM (SELECT DISTINCT ON (c.member) c.member, c.why
          FROM (SELECT k.member, 'key' AS why, 0 AS rank
                FROM unnest(k_member, k_actor, k_key) AS k(member, actor, idempotency_key)
                WHERE EXISTS (SELECT 1 FROM event_store.idempotency_key i
                              WHERE i.actor = k.actor AND i.idempotency_key = k.idempotency_key)
                UNION ALL
                SELECT e.member, 'sequence', 1
                FROM unnest(e_member, e_aggregate, e_sequence) AS e(member, aggregate_identifier, sequence_number)
                WHERE EXISTS (SELECT 1 FROM event_store.domain_event_entry d
                              WHERE d.aggregate_identifier = e.aggregate_identifier
                                AND d.sequence_number = e.sequence_number)) c
          ORDER BY c.member, c.rank) r;

    INSERT INTO event_store.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                                                time_stamp, payload_type, payload_revision, payload, meta_data,
                                                event_hash)
    SELECT e.event_identifier, e.aggregate_identifier, e.sequence_number, e.type, e.time_stamp, e.payload_type,
           e.payload_revision, e.payload, e.meta_data, e.event_hash
    FROM unnest(e_member, e_identifier, e_aggregate, e_sequence, e_type, e_time_stamp, e_payload_type,
                e_payload_revision, e_payload, e_meta_data, e_hash) WITH ORDINALITY
             AS e(member, event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type,
                  payload_revision, payload, meta_data, event_hash, position)
    WHERE e.member <> ALL (refused)
    ORDER BY e.position;

    INSERT INTO event_store.idempotency_key (actor, idempotency_key, fingerprint, response_status, response_body,
                                             location, etag)
    SELECT k.actor, k.idempotency_key, k.fingerprint, k.response_status, k.response_body, k.location, k.etag
    FROM unnest(k_member, k_actor, k_key, k_fingerprint, k_status, k_body, k_location, k_etag)
             AS k(member, actor, idempotency_key, fingerprint, response_status, response_body, location, etag)
    WHERE k.member <> ALL (refused);

    RETURN QUERY SELECT * FROM unnest(refused, because);
END
$$;

-- Only the owner of the store (the command-service's role) appends; other roles could not insert anyway.
REVOKE EXECUTE ON FUNCTION event_store.append_group FROM PUBLIC;
