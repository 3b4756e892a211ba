-- project_view loses its surrogate id, and with it its primary key (docs/PERFORMANCE.md, "What changed on
-- 2026-12-02"). Only the year-end report's second statement read it, to fetch the details of rows the first had
-- found; it now finds them by (project_id, valid_from) as known at the same instant, which names one row (ReportTimelines).
-- Every other reader and writer names rows by project and first day already. What the id cost: a rebuild built its
-- index over the whole table (2.0-3.1 s of a backend's CPU at 1,000,000 changes, 2,028,312 rows), drew a value
-- from the sequence for each row it copied, and wrote both to the WAL; the live projection kept the index for
-- every row it added.
-- The valid-time index names id in its INCLUDE, so dropping the column would drop the index: the index is first built
-- anew without it (about 5 s on that store: reads go on, writes to the table wait until the migration commits),
-- then the column goes, taking the primary key and the old index along (the table is not rewritten). As with V11, a
-- deployment replaces its query-service instances all at once: an instance of the version before would read the id.
CREATE INDEX project_view_believed_days_without_id ON read_model.project_view
    USING spgist (daterange(valid_from, valid_to))
    INCLUDE (project_id, sector, status, valid_from, valid_to, recorded_from)
    WHERE recorded_to IS NULL;
ALTER TABLE read_model.project_view DROP COLUMN id;
ALTER INDEX read_model.project_view_believed_days_without_id RENAME TO project_view_believed_days;
