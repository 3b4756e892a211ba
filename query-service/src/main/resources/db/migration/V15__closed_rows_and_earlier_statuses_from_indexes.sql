-- The rest of the year-end report's first statement from indexes alone (docs/PERFORMANCE.md, "What changed on
-- 2026-12-02 (morning)"). V13 made its believed rows come from the valid-time index; two parts still read the table's
-- heap pages:
-- * the probe for whether a project had begun before the year (ReportTimelines.YEAR_ROWS, "begun_before_year"),
--   made for each row in force on the year's eve whose own status is not a begun one (about 830 of 10,000 on the
--   benchmark store of 1,000,000 changes): it walked the project's earlier rows by project_view_project and read each
--   one's status and recording times from its page, about 18 pages a probe, 0.2-0.7 ms;
-- * the rows closed after the instant the report is known at, for a report as known at an instant since past (as a
--   published report is reproduced): project_view_closed gave only the recording end, so PostgreSQL scanned the whole
--   table instead (1.4 GB on that store) for the 23,575 rows of 2024 as known at 2025-02-15.
-- With the columns those parts name in each index's INCLUDE, both are index-only scans: the probe took 0.03-0.07 ms,
-- and the year's statement as known at 2025-02-15 967-983 ms against 1,365-1,408 ms, its closed rows read from
-- 103 MB of index. project_view_project grows from 44 to 114 MB and its build (alone, on that store) from 2.7-3.2 to
-- 3.3-3.4 s; project_view_closed from 23 to 103 MB and 1.2-1.4 to 2.1-2.2 s. A rebuild builds them as the migrations
-- leave them. The roadmap as known at an instant since past finds its closed rows from the same index alone and
-- reads only their states from the table (ProjectViewTable).
-- An index-only scan reads the heap for pages not marked all-visible in the visibility map: a rebuild's COPY FREEZE
-- marks every page, VACUUM marks them again after live changes (a row closed live is an update of its page); until
-- then such rows cost what they cost before.
-- Built as V13 built its index: without CONCURRENTLY, each before the old one is dropped, so that reads go on during
-- the builds (about 6 s on that store; until the drops the new indexes, 217 MB there, stand beside the old ones).
-- Writes to the table wait from the first build until the migration commits; each drop waits for the reads already
-- running (a roadmap as known at a past instant took 1-7 s on that store before this version) and holds new ones
-- until the commit. As with
-- V13, a deployment replaces its query-service instances all at once: an instance of the version before still
-- projecting meanwhile could deadlock with the drops, and the migration would then fail and run again at the next
-- start.
CREATE INDEX project_view_project_covering ON read_model.project_view (project_id, valid_from)
    INCLUDE (status, recorded_from, recorded_to);
CREATE INDEX project_view_closed_covering ON read_model.project_view (recorded_to)
    INCLUDE (recorded_from, valid_from, valid_to, id, project_id, sector, status)
    WHERE recorded_to IS NOT NULL;
DROP INDEX read_model.project_view_project;
DROP INDEX read_model.project_view_closed;
ALTER INDEX read_model.project_view_project_covering RENAME TO project_view_project;
ALTER INDEX read_model.project_view_closed_covering RENAME TO project_view_closed;
