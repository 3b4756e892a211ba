-- Indexes for the roadmap and the year-end report.

-- "Which rows were true on day D as known at instant K" is a point in two intervals: [valid_from, valid_to)
-- and [recorded_from, recorded_to). The B-tree of V1 (valid_from, recorded_from) narrows only the lower ends,
-- so every such question read the whole history. A GiST index over the two ranges finds the rows containing
-- the point, in time that follows the answer rather than the history. PostgreSQL's range types bring their
-- own GiST support: no extension needed. Queries must use the same expressions (daterange(...) @> date,
-- tstzrange(...) @> timestamptz) for the planner to use it; for "today as known now", most current rows
-- match and a sequential scan remains the cheaper plan.
CREATE INDEX project_view_bitemporal ON read_model.project_view
    USING gist (daterange(valid_from, valid_to), tstzrange(recorded_from, recorded_to));

-- The version of every project on the roadmap, as known at K, is its last change recorded up to K: one probe
-- per project. Carrying recorded_at in the index answers the probe from the index alone.
CREATE INDEX project_change_head ON read_model.project_change (project_id, sequence DESC) INCLUDE (recorded_at);
