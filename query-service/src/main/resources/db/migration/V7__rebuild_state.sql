-- Rebuilds beside the read model in use (docs/RELIABILITY.md, "Rebuilding the read model").

-- One row: whether a read model has ever been built (until then the read endpoints answer 503), and the rebuild
-- under way, if any (running_on: the instance rebuilding, null when none is) or the last one. The instance that rebuilds holds an advisory lock for as long as it does; a row saying
-- "running" without that lock held is a rebuild whose instance died, and the next instance to start begins it again.
CREATE TABLE read_model.rebuild_state (
    id            BOOLEAN     PRIMARY KEY DEFAULT true CHECK (id),
    built_at      TIMESTAMPTZ,
    started_at    TIMESTAMPTZ,
    running_on    TEXT,
    events_total  BIGINT      NOT NULL DEFAULT 0,
    events_done   BIGINT      NOT NULL DEFAULT 0,
    snapshot_head BIGINT
);
-- A deployment whose processor has run has a read model (kept by the processor); a new one has none yet.
INSERT INTO read_model.rebuild_state (built_at)
SELECT CASE WHEN EXISTS (SELECT 1 FROM read_model.token_entry) THEN now() END;
