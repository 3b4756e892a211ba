package fi.tiekartta.query.projects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tiekartta.query.projects.ProjectTimeline.Segment;
import fi.tiekartta.support.eventstore.EventJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Date;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

    /**
     * Makes {@code segments} what is believed about the project from {@code recordedAt} on: rows that no longer
     * hold are closed at that instant, new ones start there, unchanged ones stay as they are.
     */
    void supersede(String projectId, List<Segment> segments, Instant recordedAt) {
        Set<Segment> wanted = new HashSet<>(segments);
        List<Long> toClose = new ArrayList<>();
        List<Long> toDelete = new ArrayList<>();
        for (Stored stored : believedNow(projectId)) {
            if (!wanted.remove(stored.segment())) {
                // A row recorded at this very instant (or later, with clocks out of step) was never visible to
                // any knownAt before this change: it goes instead of leaving an empty interval behind.
                (stored.recordedFrom().isBefore(recordedAt) ? toClose : toDelete).add(stored.id());
            }
        }
        toClose.forEach(id -> jdbc.update("UPDATE read_model.project_view SET recorded_to = ? WHERE id = ?",
                                          Timestamp.from(recordedAt), id));
        toDelete.forEach(id -> jdbc.update("DELETE FROM read_model.project_view WHERE id = ?", id));
        List<Segment> added = new ArrayList<>(wanted);
        jdbc.batchUpdate("INSERT INTO read_model.project_view "
                         + "(project_id, valid_from, valid_to, recorded_from, sector, status, state) "
                         + "VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)",
                         added, added.size(), (ps, segment) -> {
                             ps.setString(1, projectId);
                             ps.setDate(2, Date.valueOf(segment.validFrom()));
                             ps.setObject(3, segment.validTo() == null ? null : Date.valueOf(segment.validTo()), Types.DATE);
                             ps.setTimestamp(4, Timestamp.from(recordedAt));
                             ps.setString(5, segment.state().sector());
                             ps.setString(6, segment.state().status().name());
                             ps.setString(7, toJson(segment.state()));
                         });
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

    private List<Stored> believedNow(String projectId) {
        return jdbc.query("SELECT id, valid_from, valid_to, recorded_from, state::text FROM read_model.project_view "
                          + "WHERE project_id = ? AND recorded_to IS NULL",
                          (rs, i) -> new Stored(rs.getLong(1),
                                                rs.getTimestamp(4).toInstant(),
                                                new Segment(rs.getObject(2, LocalDate.class),
                                                            rs.getObject(3, LocalDate.class),
                                                            fromJson(rs.getString(5)))),
                          projectId);
    }

    private static List<Object> visibleArgs(LocalDate asOf, Instant knownAt) {
        Timestamp known = Timestamp.from(knownAt);
        Date date = Date.valueOf(asOf);
        return List.of(known, date, date, known, known);
    }

    private record Stored(long id, Instant recordedFrom, Segment segment) {
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
