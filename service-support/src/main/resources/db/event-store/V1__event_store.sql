-- The event store, in Axon's JDBC layout with snake_case names (see EventStoreTables). Applied by the
-- command-service, which owns the event store; kept here beside EventStoreTables so that the two cannot drift.
-- Payload and metadata are JSON text, so that an auditor can read them with SQL (payload::jsonb).
-- Nothing here is ever updated or deleted by the application.

CREATE TABLE event_store.domain_event_entry (
    global_index         BIGSERIAL    PRIMARY KEY,
    event_identifier     VARCHAR(255) NOT NULL UNIQUE,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255),
    time_stamp           VARCHAR(255) NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(255),
    payload              TEXT         NOT NULL,
    meta_data            TEXT,
    -- Guards every append: two writers of the same project cannot both take a sequence number,
    -- even from different command-service instances.
    CONSTRAINT domain_event_entry_stream_unique UNIQUE (aggregate_identifier, sequence_number)
);

CREATE TABLE event_store.snapshot_event_entry (
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL UNIQUE,
    meta_data            TEXT,
    payload              TEXT         NOT NULL,
    payload_revision     VARCHAR(255),
    payload_type         VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregate_identifier, sequence_number)
);
