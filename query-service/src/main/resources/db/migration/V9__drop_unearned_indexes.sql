-- Two more indexes that no longer earn their write cost (measured plans and times: docs/PERFORMANCE.md, "Read model
-- indexes"; benchmark store of 1,000,000 changes, 10,000 projects).

-- The two-range GiST index of V2 served "visible on day D as known at an instant K long past" (the rows closed after
-- K). It was 190 MB, built by insertion (PostgreSQL 15 cannot sort-build a GiST index over ranges) in 28 s of a 72 s
-- rebuild, and written by every change. Without it those questions read the closed rows in a parallel scan in about
-- the same time on this store (0.4-1.3 s either way), and the questions about what is believed now, the common case,
-- are planned on V4's believed-rows index instead of a scan of the table: with this index there, the planner judged
-- "believed now and valid on day D" by its statistics of the valid-time range over every row and expected about 40
-- times the rows it found.
DROP INDEX IF EXISTS read_model.project_view_bitemporal;

-- (project_id, sequence DESC) INCLUDE (recorded_at) of V2 answered "the last change of a project recorded by K" from
-- the index alone; the primary key (project_id, sequence) read backwards answers it as fast (the project's changes
-- are together in the table), and every other query that used it (one project's changes, a round's first status
-- reports) takes the primary key instead.
DROP INDEX IF EXISTS read_model.project_change_head;
