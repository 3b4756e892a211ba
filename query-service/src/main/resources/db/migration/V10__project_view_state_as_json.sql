-- The project views' state as json, not jsonb (docs/PERFORMANCE.md, "What bounds each number", 3. Rebuild).
--
-- Every reader but one takes the state whole, as text, and decodes it in Java (the roadmap, a project's view, the
-- projection's believed rows), so jsonb only cost work: parsing each state into its binary form on the way in
-- (a rebuild's COPY writes every row of the table: about a third of the COPY's time in PostgreSQL) and printing
-- it again on the way out. json keeps the text as written, checked to be JSON. The one reader that looks inside,
-- the year-end timelines, takes its three fields from each kept row in one pass (json_to_record).
ALTER TABLE read_model.project_view ALTER COLUMN state TYPE json USING state::json;
