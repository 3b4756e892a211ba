-- Three fields of each row's state as columns of their own: the title, the planned end year and the target year,
-- which the year-end report reads of a year's rows where its fold needs them (ReportTimelines; docs/PERFORMANCE.md,
-- "What changed on 2026-12-01 (evening)"). Read out of the state's JSON, these were about a third of the report's
-- first call at 1,000,000 changes: some 20,000 states read by Java code the JIT had not compiled yet. The
-- projection and a rebuild write the columns from the same ProjectState as the state beside them
-- (ProjectViewTable, BulkProjection); the state keeps the fields too, for the readers that take it whole.
--
-- The rows already stored get the values their state holds: each column is added as generated from the state, which
-- fills it in the table's one rewrite, then made a plain column, so that the projection writes it. The rewrite
-- holds the table for as long as it takes (31-33 s on the benchmark store of 1,000,000 changes and 2,028,573 rows,
-- where a rebuild took 21 s on the same host), and rebuilds every index of the table, so the rows come out
-- whole, not as a second version of each beside the first; the rewritten pages are not yet marked all-visible, so
-- the year-end report's index-only scan reads the table's pages for them until VACUUM or the next rebuild (V13).
-- As with V11, a deployment replaces its query-service instances all at once.
-- PostgreSQL's json checks the whole state as it reads it, where Jackson's reader did not: a state holding half of a
-- character (an unpaired UTF-16 surrogate, written as its \u escape), which the command-service accepted in text
-- before this version and refuses since, fails the migration with PostgreSQL's "invalid input syntax for type json"
-- naming it, and the query-service does not start until the state is mended.
ALTER TABLE read_model.project_view
    ADD COLUMN title TEXT GENERATED ALWAYS AS (CAST(state AS json) ->> 'title') STORED,
    ADD COLUMN planned_end_year INTEGER
        GENERATED ALWAYS AS (CAST(CAST(state AS json) ->> 'plannedEndYear' AS integer)) STORED,
    ADD COLUMN target_year INTEGER
        GENERATED ALWAYS AS (CAST(CAST(state AS json) ->> 'targetYear' AS integer)) STORED;
ALTER TABLE read_model.project_view
    ALTER COLUMN title DROP EXPRESSION,
    ALTER COLUMN planned_end_year DROP EXPRESSION,
    ALTER COLUMN target_year DROP EXPRESSION;
