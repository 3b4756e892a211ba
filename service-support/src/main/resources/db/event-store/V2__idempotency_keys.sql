-- The first answer to every command sent with an Idempotency-Key, so that a client that retries (a timeout,
-- a lost answer) gets that answer again instead of recording the change twice. Written in the same
-- transaction as the events the command appended: either both are there or neither. Keys are per actor.
CREATE TABLE event_store.idempotency_key (
    actor            TEXT        NOT NULL,
    idempotency_key  TEXT        NOT NULL,
    fingerprint      TEXT        NOT NULL,
    response_status  INTEGER     NOT NULL,
    response_body    TEXT        NOT NULL,
    location         TEXT,
    etag             TEXT,
    recorded_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (actor, idempotency_key)
);
