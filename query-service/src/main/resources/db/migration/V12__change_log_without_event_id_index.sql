-- The change log's UNIQUE (event_id) of V1 no longer earns its cost (docs/PERFORMANCE.md, "What changed on
-- 2026-11-30 (late night)"). Its index was the longest B-tree build of a rebuild after V11 (2.8-3.7 s of the index
-- phase at 1,000,000 changes, against 0.5 s for the primary key, whose rows arrive in its order) and an index more
-- for every projected change. What it guarded holds without it: the event store keeps event ids unique
-- (domain_event_entry's own unique index), and the change log holds one row per stored event at the event's
-- (project_id, sequence), its primary key. The one query that looked a change up by event id (the year-end report's
-- "recorded but not projected yet", ReportTimelines) now asks by (project_id, sequence) and the id together.
ALTER TABLE read_model.project_change DROP CONSTRAINT project_change_event_id_key;
