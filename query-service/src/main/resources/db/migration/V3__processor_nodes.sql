-- The query-service instances that are alive, so that they can share the processors' segments fairly
-- (SegmentBalancer). A row not refreshed for a few seconds belongs to an instance that is gone.
CREATE TABLE read_model.processor_node (
    node_id TEXT        PRIMARY KEY,
    seen_at TIMESTAMPTZ NOT NULL
);
