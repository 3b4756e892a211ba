-- The projection closes or deletes a believed row by (project_id, valid_from) and counts on finding exactly one:
-- among the rows believed now (open recorded_to), a project has at most one starting on any day. The database now
-- holds that too, so a projection bug fails its batch instead of leaving two answers for the same day.
-- (V1 says rows are only ever added or closed: a believed row recorded at the very instant of the change that
-- replaces it was never visible to any knownAt, and the projection deletes it.)
CREATE UNIQUE INDEX project_view_one_believed ON read_model.project_view (project_id, valid_from)
    WHERE recorded_to IS NULL;
