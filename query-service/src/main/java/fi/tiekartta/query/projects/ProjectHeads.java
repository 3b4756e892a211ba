package fi.tiekartta.query.projects;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Table {@code read_model.project_head}: each project's version (its last sequence), when that change was recorded,
 * and the latest recording time of any of its changes. It answers "the version as known at K" for every project in
 * one join wherever K is at or after {@code last_recorded_at} (always, for the usual "now"), where a lookup per
 * project in {@code project_change} would be needed otherwise.
 */
@Repository
public class ProjectHeads {

    /** The table's columns with their types, in the order the live upsert and the rebuild's COPY write them. */
    public static final CopyRows.Layout COLUMNS = CopyRows.Layout.of(
            "project_id text, version bigint, version_recorded_at timestamp with time zone, last_recorded_at timestamp with time zone");

    private final JdbcTemplate jdbc;

    public ProjectHeads(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void upsert(Collection<KnownProject> projects) {
        List<KnownProject> rows = new ArrayList<>(projects);
        jdbc.batchUpdate("INSERT INTO read_model.project_head (" + COLUMNS.columnNames() + ") VALUES (?, ?, ?, ?) "
                         + "ON CONFLICT (project_id) DO UPDATE SET version = excluded.version, "
                         + "version_recorded_at = excluded.version_recorded_at, last_recorded_at = excluded.last_recorded_at",
                         rows, rows.size(), (ps, project) -> {
                             ps.setString(1, project.projectId());
                             ps.setLong(2, project.lastSequence());
                             ps.setTimestamp(3, Timestamp.from(project.versionRecordedAt()));
                             ps.setTimestamp(4, Timestamp.from(project.lastRecordedAt()));
                         });
    }

    void deleteAll() {
        jdbc.update("DELETE FROM read_model.project_head");
    }
}
