-- Two costs of every rebuild that bought nothing (docs/PERFORMANCE.md, "What changed on 2026-11-30 (late night)";
-- benchmark store of 1,000,000 changes, 10,000 projects: 2,028,126 project_view rows, 900,563 believed now).

-- The state as text, not json. A json column checks each value it is given to be JSON: every row a rebuild copies
-- (840 MB of state on that store; the check alone took 4-5 s of the database's CPU, on a core the rebuild's reading
-- thread shares). The state is only ever written by the projection, as Jackson writes a ProjectState
-- (ProjectViewTable.toJson), and read back whole as text, but for the year-end report's three fields, which cast the
-- few rows it reads.
-- The column's type changes by rewriting the table (json has no binary cast to text), with every index on it: the
-- GiST index replaced below is dropped first. Query-service instances of the version before cannot read the column
-- as text (nor rebuild into it): a deployment replaces them all at once.
DROP INDEX read_model.project_view_believed_days;
ALTER TABLE read_model.project_view ALTER COLUMN state TYPE text USING state::text;

-- "Which believed rows are true on day D" (the roadmap) and "in force during year Y" (the year-end report) by an
-- SP-GiST index over the valid-time range, not V4's GiST one. PostgreSQL 15 builds a GiST index over ranges one
-- insertion at a time: 6.4 s of a 24.7 s rebuild, the longest step of its index phase. Built alone on that store,
-- the SP-GiST index took 3.7-4.7 s where the GiST one took 7.7-7.9 s; it is a quarter smaller (39 against 52 MB)
-- and answers both questions as fast or faster (a day's 10,000 rows found in 4 ms against 8-10 ms; a year's
-- 218,000 in 35-45 ms against 47-52 ms). The planner chose it over the GiST one when both were there.
CREATE INDEX project_view_believed_days ON read_model.project_view
    USING spgist (daterange(valid_from, valid_to)) WHERE recorded_to IS NULL;
