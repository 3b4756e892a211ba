-- Tamper evidence: every event carries the SHA-256 of its canonical form, which includes the hash of the
-- previous event of its stream (see CanonicalEvent and docs/AUDIT.md). The application computes it at append
-- (HashChainingAppendEvents); the previous hash is the previous row's, so no other column is needed.
ALTER TABLE event_store.domain_event_entry ADD COLUMN event_hash TEXT;

-- Events stored before this migration are hashed now, stream by stream in sequence order, with the same
-- canonical form an auditor rebuilds with SQL. They are attested from the time of this migration on.
-- Each pass hashes one sequence number of every stream; the previous one was hashed by the pass before.
DO $$
DECLARE
    next_sequence BIGINT := 0;
    last_sequence BIGINT;
BEGIN
    SELECT max(sequence_number) INTO last_sequence FROM event_store.domain_event_entry;
    WHILE next_sequence <= coalesce(last_sequence, -1) LOOP
        UPDATE event_store.domain_event_entry e
        SET event_hash = encode(sha256(convert_to(concat_ws(E'\n',
                'tiekartta-event-hash-v1',
                coalesce((SELECT p.event_hash FROM event_store.domain_event_entry p
                          WHERE p.aggregate_identifier = e.aggregate_identifier
                            AND p.sequence_number = e.sequence_number - 1), ''),
                e.event_identifier,
                e.aggregate_identifier,
                e.sequence_number::text,
                coalesce(e.type, ''),
                e.payload_type,
                coalesce(e.payload_revision, ''),
                e.time_stamp,
                '{"actor":' || coalesce(to_json(e.meta_data::jsonb ->> 'actor')::text, 'null')
                    || ',"correlationId":' || coalesce(to_json(e.meta_data::jsonb ->> 'correlationId')::text, 'null')
                    || ',"reason":' || coalesce(to_json(e.meta_data::jsonb ->> 'reason')::text, 'null') || '}',
                e.payload) || E'\n', 'UTF8')), 'hex')
        WHERE e.sequence_number = next_sequence;
        next_sequence := next_sequence + 1;
    END LOOP;
END
$$;

-- From now on no event enters the store without a hash, whatever writes it.
ALTER TABLE event_store.domain_event_entry
    ALTER COLUMN event_hash SET NOT NULL,
    ADD CONSTRAINT domain_event_entry_event_hash_form CHECK (event_hash ~ '^[0-9a-f]{64}$');
