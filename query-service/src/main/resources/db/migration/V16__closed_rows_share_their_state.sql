-- A closed row may name the row of its project that holds its state instead of holding it again (docs/PERFORMANCE.md,
-- "What changed on 2026-12-03 (day)"). Folded whole, a project's history leaves about every other row closed, and
-- nearly every closed row's state is repeated by the row that took its place: a change closes the row it makes untrue
-- and writes the same state again up to the change's day. A rebuild copied that state twice, about 500 bytes of
-- JSON each time: on the benchmark store (1,000,000 changes, 10,000 projects) 951,843 of 1,127,405 closed rows, whose
-- states made 511 MB of the table's 1,379 MB, all written by one COPY connection, the longest part of the rebuild's
-- first phase.
--
-- So a rebuild writes each state of a project in one row, its holder: a row believed now where one has it, else the
-- first closed row with it. The other closed rows with that state leave it out and name that row (state_of, its id).
-- Rows believed now always hold their state: the roadmap, the list and a project's view as known now read them alone,
-- as before. Only a question as known at a past instant reads closed rows, and looks the state of those that name
-- another row up by its primary key (ProjectViewTable).
--
-- The live projection writes every row with its state, as before. It deletes a believed row only when a change
-- recorded at the very instant of the row replaces it; a row that closed rows name first gives them its state
-- (ProjectViewTable.write), so a name never points at nothing.
--
-- Adding a column without a default and dropping NOT NULL change only the catalog; the two CHECKs read the table once
-- while the migration holds it (0.8 s on that store, its pages in the operating system's cache). Query-service
-- instances of the version before read a state that is not there as a missing state: after a rebuild by this version
-- they fail the questions as known at a past instant. As with V11, a deployment replaces its query-service instances
-- all at once.
ALTER TABLE read_model.project_view
    ADD COLUMN state_of BIGINT,
    ALTER COLUMN state DROP NOT NULL,
    ADD CONSTRAINT project_view_state_held_or_named CHECK ((state IS NULL) = (state_of IS NOT NULL)),
    ADD CONSTRAINT project_view_believed_holds_state CHECK (state IS NOT NULL OR recorded_to IS NOT NULL);
