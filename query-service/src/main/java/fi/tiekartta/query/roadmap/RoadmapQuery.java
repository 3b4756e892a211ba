package fi.tiekartta.query.roadmap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tiekartta.query.projects.ProjectState;
import fi.tiekartta.query.projects.ProjectViewTable;
import fi.tiekartta.support.eventstore.EventJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Every project view on the roadmap on one day as known at one instant, in one query: the rows of
 * {@code read_model.project_view} whose two intervals contain the point, each with the project's version as
 * known then. The rows are found in two parts, each by an index that finds little more than the answer: rows
 * believed now (open {@code recorded_to}) that contain the day, by the GiST index over their valid time (V4), and
 * rows closed after the instant, none when it is now (V4's index on {@code recorded_to}; for an instant long past,
 * the two-range GiST index of V2). The version is the project's head (V4) where the head was recorded by then,
 * else the last change recorded by then.
 */
@Repository
public class RoadmapQuery {

    private static final ObjectMapper JSON = EventJson.newObjectMapper();

    static final String VISIBLE_WITH_VERSION = "SELECT v.state::text AS state,"
            + " COALESCE(h.version, l.sequence) AS version, COALESCE(h.version_recorded_at, l.recorded_at) AS recorded_at"
            + " FROM (SELECT project_id, state FROM read_model.project_view"
            + "        WHERE recorded_to IS NULL AND recorded_from <= ? AND daterange(valid_from, valid_to) @> CAST(? AS date)"
            + "       UNION ALL"
            + "       SELECT project_id, state FROM read_model.project_view"
            + "        WHERE recorded_to > ? AND recorded_from <= ? AND daterange(valid_from, valid_to) @> CAST(? AS date)"
            + "          AND tstzrange(recorded_from, recorded_to) @> CAST(? AS timestamptz)) v"
            + " LEFT JOIN read_model.project_head h ON h.project_id = v.project_id AND h.last_recorded_at <= ?"
            + " LEFT JOIN LATERAL (SELECT c.sequence, c.recorded_at FROM read_model.project_change c"
            + "   WHERE h.project_id IS NULL AND c.project_id = v.project_id AND c.recorded_at <= ?"
            + "   ORDER BY c.sequence DESC LIMIT 1) l ON true"
            + " WHERE h.project_id IS NOT NULL OR l.sequence IS NOT NULL";

    private final JdbcTemplate jdbc;

    public RoadmapQuery(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** In no particular order. */
    public List<ProjectViewTable.Found> visibleAt(LocalDate asOf, Instant knownAt) {
        OffsetDateTime known = OffsetDateTime.ofInstant(knownAt, ZoneOffset.UTC);
        return jdbc.query(VISIBLE_WITH_VERSION,
                          (rs, i) -> new ProjectViewTable.Found(state(rs.getString("state")), rs.getLong("version"),
                                                                rs.getObject("recorded_at", OffsetDateTime.class).toInstant()),
                          known, asOf, known, known, asOf, known, known, known);
    }

    private static ProjectState state(String json) {
        try {
            return JSON.readValue(json, ProjectState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable project state: " + json, e);
        }
    }
}
