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
 * known then. The visibility test is written as range containment so that the GiST index of V2 can answer it
 * in time proportional to the answer rather than to the whole history.
 */
@Repository
public class RoadmapQuery {

    private static final ObjectMapper JSON = EventJson.newObjectMapper();

    private static final String VISIBLE_WITH_VERSION = "SELECT v.state::text AS state, h.sequence AS version, h.recorded_at"
            + " FROM read_model.project_view v"
            + " JOIN LATERAL (SELECT c.sequence, c.recorded_at FROM read_model.project_change c"
            + "   WHERE c.project_id = v.project_id AND c.recorded_at <= ? ORDER BY c.sequence DESC LIMIT 1) h ON true"
            + " WHERE daterange(v.valid_from, v.valid_to) @> CAST(? AS date)"
            + " AND tstzrange(v.recorded_from, v.recorded_to) @> CAST(? AS timestamptz)";

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
                          known, asOf, known);
    }

    private static ProjectState state(String json) {
        try {
            return JSON.readValue(json, ProjectState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable project state: " + json, e);
        }
    }
}
