-- Reporting rounds (docs/ROUNDS.md).

-- Each round as its events say: projected by the project views' processor, in the same transactions, so a round's
-- row exists only once every event before its opening (and closing) has been applied to the project views. Which
-- projects a round covers and which of them have reported is not stored: it is asked of the bitemporal views and
-- the change log at the round's own instants, so it cannot drift from them. Emptied and refilled by a rebuild.
CREATE TABLE read_model.reporting_round (
    round_id   TEXT        PRIMARY KEY,
    title      TEXT        NOT NULL,
    as_of      DATE        NOT NULL,
    due_date   DATE        NOT NULL,
    opened_at  TIMESTAMPTZ NOT NULL,
    opened_by  TEXT,
    closed_at  TIMESTAMPTZ,
    closed_by  TEXT
);
CREATE INDEX reporting_round_newest ON read_model.reporting_round (opened_at DESC);

-- The reminders sent: facts, not a projection. A rebuild never touches this table (no reset handler clears it):
-- a reminder e-mailed stays sent. The primary key is the claim: of two instances (or a restart) trying to send the
-- same reminder, one INSERT wins and only its winner sends. sent_at stays empty until the SMTP server accepted the
-- message; a claim without sent_at is a send that failed or was cut short (docs/ROUNDS.md says what then).
CREATE TABLE read_model.round_reminder (
    round_id    TEXT        NOT NULL,
    owner       TEXT        NOT NULL,
    kind        TEXT        NOT NULL,
    recipient   TEXT        NOT NULL,
    project_ids TEXT[]      NOT NULL,
    claimed_at  TIMESTAMPTZ NOT NULL,
    sent_at     TIMESTAMPTZ,
    PRIMARY KEY (round_id, owner, kind)
);
