package fi.tiekartta.query.projects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tiekartta.query.projects.ProjectTimeline.Segment;
import fi.tiekartta.support.eventstore.EventJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Table {@code read_model.project_view}: the project views along both clocks. Rows are only ever added or
 * closed (their {@code recorded_to} set), so whatever was answered for a past {@code knownAt} stays answerable.
 */
@Repository
public class ProjectViewTable {

    private static final ObjectMapper JSON = EventJson.newObjectMapper();

    private static final String VISIBLE = " v.valid_from <= ? AND (v.valid_to IS NULL OR v.valid_to > ?)"
            + " AND v.recorded_from <= ? AND (v.recorded_to IS NULL OR v.recorded_to > ?)";
    private static final String WITH_HEAD = "SELECT v.state::text AS state, h.sequence AS version, h.recorded_at"
            + " FROM read_model.project_view v"
            + " JOIN LATERAL (SELECT c.sequence, c.recorded_at FROM read_model.project_change c"
            + "   WHERE c.project_id = v.project_id AND c.recorded_at <= ? ORDER BY c.sequence DESC LIMIT 1) h ON true"
            + " WHERE";

    private final JdbcTemplate jdbc;

    public ProjectViewTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A project view as found: its state during valid time, and the project's version as known then. */
    public record Found(ProjectState state, long version, Instant lastRecordedAt) {
    }

    /** A row believed now (its {@code recorded_to} open), as stored. */
    record StoredRow(Segment segment, Instant recordedFrom) {
    }

    /**
     * Writes what a batch of events changed: first the stored rows it closes or deletes (found by project and
     * {@code valid_from}, unique among a project's believed rows), then the rows it adds, some of them already
     * closed. Each close and delete must hit exactly one row, or the batch fails: the projection's memory and the
     * table would have parted ways.
     */
    void write(ProjectionBatch batch) {
        requireOneRowEach("close", jdbc.batchUpdate(
                "UPDATE read_model.project_view SET recorded_to = ? WHERE project_id = ? AND valid_from = ? AND recorded_to IS NULL",
                batch.closes, batch.closes.size(), (ps, row) -> {
                    ps.setTimestamp(1, Timestamp.from(row.recordedTo()));
                    ps.setString(2, row.projectId());
                    ps.setDate(3, Date.valueOf(row.validFrom()));
                }));
        requireOneRowEach("delete", jdbc.batchUpdate(
                "DELETE FROM read_model.project_view WHERE project_id = ? AND valid_from = ? AND recorded_to IS NULL",
                batch.deletes, batch.deletes.size(), (ps, row) -> {
                    ps.setString(1, row.projectId());
                    ps.setDate(2, Date.valueOf(row.validFrom()));
                }));
        List<ProjectionBatch.NewRow> added = batch.inserts.stream().filter(row -> !row.dropped()).toList();
        jdbc.batchUpdate("INSERT INTO read_model.project_view "
                         + "(project_id, valid_from, valid_to, recorded_from, recorded_to, sector, status, state) "
                         + "VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)",
                         added, added.size(), (ps, row) -> {
                             Segment segment = row.segment;
                             ps.setString(1, row.projectId);
                             ps.setDate(2, Date.valueOf(segment.validFrom()));
                             ps.setObject(3, segment.validTo() == null ? null : Date.valueOf(segment.validTo()), Types.DATE);
                             ps.setTimestamp(4, Timestamp.from(row.recordedFrom));
                             if (row.recordedTo() == null) {
                                 ps.setNull(5, Types.TIMESTAMP);
                             } else {
                                 ps.setTimestamp(5, Timestamp.from(row.recordedTo()));
                             }
                             ps.setString(6, segment.state().sector());
                             ps.setString(7, segment.state().status().name());
                             ps.setString(8, toJson(segment.state()));
                         });
    }

    private static void requireOneRowEach(String what, int[][] counts) {
        for (int[] chunk : counts) {
            for (int count : chunk) {
                if (count != 1 && count != java.sql.Statement.SUCCESS_NO_INFO) {
                    throw new IllegalStateException("a " + what + " of a believed project_view row hit " + count
                                                    + " rows: the projection's memory is out of step with the table");
                }
            }
        }
    }

    /** The rows believed now of each of {@code projectIds} that has any. */
    Map<String, List<StoredRow>> believedNowOfAll(Collection<String> projectIds) {
        Map<String, List<StoredRow>> byProject = new HashMap<>();
        jdbc.query("SELECT project_id, valid_from, valid_to, recorded_from, state::text FROM read_model.project_view "
                   + "WHERE project_id = ANY (?) AND recorded_to IS NULL",
                   ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", projectIds.toArray())),
                   (ResultSet rs) -> {
                       StoredRow row = new StoredRow(new Segment(rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class),
                                                                 fromJson(rs.getString(5))),
                                                     rs.getTimestamp(4).toInstant());
                       byProject.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(row);
                   });
        return byProject;
    }

    public List<Found> findAll(LocalDate asOf, Instant knownAt, String sector, String status) {
        StringBuilder sql = new StringBuilder(WITH_HEAD).append(VISIBLE);
        List<Object> args = new ArrayList<>(visibleArgs(asOf, knownAt));
        if (sector != null) {
            sql.append(" AND v.sector = ?");
            args.add(sector);
        }
        if (status != null) {
            sql.append(" AND v.status = ?");
            args.add(status);
        }
        sql.append(" ORDER BY v.project_id");
        return jdbc.query(sql.toString(), FOUND, args.toArray());
    }

    public Optional<Found> find(String projectId, LocalDate asOf, Instant knownAt) {
        List<Object> args = new ArrayList<>(visibleArgs(asOf, knownAt));
        args.add(projectId);
        return jdbc.query(WITH_HEAD + VISIBLE + " AND v.project_id = ?", FOUND, args.toArray()).stream().findFirst();
    }

    void deleteAll() {
        jdbc.update("DELETE FROM read_model.project_view");
    }

    private static List<Object> visibleArgs(LocalDate asOf, Instant knownAt) {
        Timestamp known = Timestamp.from(knownAt);
        Date date = Date.valueOf(asOf);
        return List.of(known, date, date, known, known);
    }

    private static final RowMapper<Found> FOUND = (rs, i) -> new Found(
            fromJson(rs.getString("state")), rs.getLong("version"), rs.getTimestamp("recorded_at").toInstant());

    private static ProjectState fromJson(String json) {
        try {
            return JSON.readValue(json, ProjectState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable project state: " + json, e);
        }
    }

    private static String toJson(ProjectState state) {
        try {
            return JSON.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
