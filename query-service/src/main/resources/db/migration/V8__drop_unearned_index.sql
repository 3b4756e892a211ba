-- Every index is paid for on every row the projection and a rebuild write; this one no longer earns it.

-- (project_id, recorded_at) of V1 served "the last change of a project recorded by K" before V2's project_change_head
-- (project_id, sequence DESC) INCLUDE (recorded_at) answered that probe from the index alone. Measured on the
-- benchmark store (1,000,000 changes, 10,000 projects; docs/PERFORMANCE.md): the version probe of the roadmap for a
-- past knownAt uses project_change_head with or without it, and a reporting round's "first status report" query for
-- 57 projects took 121.6 ms with it and 124.1 ms without (the planner then walks project_change_head). It was 30 MB
-- of index written by every change and built by every rebuild, for nothing.
DROP INDEX IF EXISTS read_model.project_change_known_at;
