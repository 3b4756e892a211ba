-- The year-end report's rows of a year from the valid-time index alone (docs/PERFORMANCE.md, "What changed on
-- 2026-12-01 (morning)"). ReportTimelines reads, of every believed row in force during the year, only its id,
-- project, sector, status, valid range and recording time; with those in the index's INCLUDE the rows come from an
-- index-only scan, where before they were read from the table's heap pages: on the benchmark store (1,000,000
-- changes, 10,000 projects) the year 2023's 214,802 rows lay on 54,976 pages, and the scan took 522 ms of a 651 ms
-- statement against 119 ms of 274 ms from the index alone. The index grows from 39 to 110 MB and its build from 3.3
-- to 4.9 s (alone, on that store); the roadmap, which reads each row's state from the heap anyway, finds a day's
-- 10,000 rows in it in 6 ms against 4 ms.
-- valid_to is included although the key holds it: PostgreSQL plans an index-only scan only when every column the
-- statement names is in the index, and the key is an expression over the two columns, not the columns.
-- An index-only scan reads the heap for pages not marked all-visible in the visibility map: a rebuild's COPY FREEZE
-- marks every page, VACUUM marks them again after live changes; until then such rows cost what they cost before.
-- Built without CONCURRENTLY, like the indexes before it, and before the old one is dropped, so that reads go on
-- during the build (about 5 s on that store). Writes to the table wait from the build until the migration commits;
-- the drop waits for the reads already running and holds new ones until the commit. As with V11, a deployment
-- replaces its query-service instances all at once: an instance of the version before still projecting meanwhile
-- could deadlock with the drop, and the migration would then fail and run again at the next start.
CREATE INDEX project_view_believed_days_covering ON read_model.project_view
    USING spgist (daterange(valid_from, valid_to))
    INCLUDE (id, project_id, sector, status, valid_from, valid_to, recorded_from)
    WHERE recorded_to IS NULL;
DROP INDEX read_model.project_view_believed_days;
ALTER INDEX read_model.project_view_believed_days_covering RENAME TO project_view_believed_days;
