-- Read models of the query-service. Everything here can be rebuilt from event_store at any time.

-- Axon's token store for this service's processors (Axon writes the token with setBytes: bytea).
CREATE TABLE read_model.token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BYTEA,
    token_type     VARCHAR(255),
    time_stamp     VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);

-- Every recorded change of every project, in recording order: the history read model, and the input
-- from which project_view is folded. One row per event; (project_id, sequence) makes a redelivered
-- event a no-op.
CREATE TABLE read_model.project_change (
    project_id       TEXT        NOT NULL,
    sequence         BIGINT      NOT NULL,
    change_id        TEXT        NOT NULL,
    event_id         TEXT        NOT NULL UNIQUE,
    type             TEXT        NOT NULL,
    recorded_at      TIMESTAMPTZ NOT NULL,
    actor            TEXT,
    reason           TEXT,
    correlation_id   TEXT,
    effective_date   DATE,
    status           TEXT,
    previous_status  TEXT,
    unit             TEXT,
    progress_percent INTEGER,
    target_year      INTEGER,
    scheduled_for    TEXT,
    note             TEXT,
    corrects         TEXT,
    details          JSONB,
    PRIMARY KEY (project_id, sequence)
);
CREATE INDEX project_change_known_at ON read_model.project_change (project_id, recorded_at);

-- The project view, bitemporally: each row is what the view looked like during a valid-time interval
-- [valid_from, valid_to) as the store knew it during a recording-time interval [recorded_from, recorded_to).
-- A change closes the rows it makes untrue (recorded_to) and adds new ones; no row is ever edited otherwise,
-- so an answer for an earlier knownAt can always be given again.
CREATE TABLE read_model.project_view (
    id            BIGSERIAL   PRIMARY KEY,
    project_id    TEXT        NOT NULL,
    valid_from    DATE        NOT NULL,
    valid_to      DATE,
    recorded_from TIMESTAMPTZ NOT NULL,
    recorded_to   TIMESTAMPTZ,
    sector        TEXT        NOT NULL,
    status        TEXT        NOT NULL,
    state         JSONB       NOT NULL,
    CHECK (valid_to IS NULL OR valid_to > valid_from),
    CHECK (recorded_to IS NULL OR recorded_to > recorded_from)
);
-- What is believed now: the common case, and the rows a new event has to compare against.
CREATE INDEX project_view_current ON read_model.project_view (project_id, valid_from) WHERE recorded_to IS NULL;
CREATE INDEX project_view_as_of ON read_model.project_view (valid_from, recorded_from);
