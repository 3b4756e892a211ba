-- One index of a project's rows instead of two (docs/PERFORMANCE.md, "What changed on 2026-12-03 (afternoon)").
-- project_view_project (V15: project_id, valid_from, with status and recording times included) held every row, and
-- project_view_one_believed (V5: unique project_id, valid_from among the rows believed now) held the believed ones
-- again. One unique index over (project_id, valid_from, recorded_to), with NULLS NOT DISTINCT, says both:
-- * two believed rows (recorded_to NULL) of a project may not start on the same day, the rule V5 gave the database,
--   since NULL now equals NULL in this index;
-- * two closed rows of a project may not start on the same day and be closed at the same instant. That already holds:
--   a believed row is closed only while it is the one believed row of its day, and the next row of that day is
--   recorded at or after the close; one closed at the instant it was recorded is deleted instead (V1, and the CHECK
--   recorded_to > recorded_from), so the next close of that day comes later.
-- Every statement that found a believed row by V5's index finds it here with recorded_to IS NULL as an index
-- condition (the projection's closes, deletes and tails; a batch's believed rows), and the year-end report's probe for
-- an earlier begun status still reads one index alone. A rebuild builds one index of about 2 million rows instead of
-- two (about 2 s less of the index phase's work on the benchmark store of 1,000,000 changes), and the live projection
-- writes to one index less for each row it adds.
-- Built as V15 built its indexes: without CONCURRENTLY, before the old ones are dropped, so that reads go on during
-- the build; writes wait until the migration commits. A deployment replaces its query-service instances all at once.
-- NULLS NOT DISTINCT came with PostgreSQL 15: on an older server this version stops with that said, not with a syntax
-- error, and changes nothing (the migration is one transaction).
DO $$
BEGIN
    IF current_setting('server_version_num')::integer < 150000 THEN
        RAISE EXCEPTION 'the read model needs PostgreSQL 15 or later (V17: a unique index with NULLS NOT DISTINCT); this server is %',
            current_setting('server_version');
    END IF;
END
$$;
CREATE UNIQUE INDEX project_view_project_rows ON read_model.project_view (project_id, valid_from, recorded_to)
    INCLUDE (status, recorded_from) NULLS NOT DISTINCT;
DROP INDEX read_model.project_view_project;
DROP INDEX read_model.project_view_one_believed;
ALTER INDEX read_model.project_view_project_rows RENAME TO project_view_project;
