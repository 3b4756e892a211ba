package fi.tiekartta.query.audit;

import fi.tiekartta.support.eventstore.EventStoreTables;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * A second witness: the change log of the read models remembers every event it projected, by project,
 * sequence and event id. An event it projected that the store no longer holds was deleted or replaced after it
 * was recorded, which names the project and sequence of a deleted last event even without a published digest.
 * It can only add problems, never clear one: the chains and the digest do not depend on it, and a rebuild of
 * the read models (which empties the change log first) only makes it forget.
 */
@Repository
class ProjectedEvents {

    private static final String CHECK = "SELECT c.project_id, c.sequence, c.event_id, e.event_identifier"
            + " FROM read_model.project_change c"
            + " LEFT JOIN " + EventStoreTables.DOMAIN_EVENTS + " e"
            + "   ON e.aggregate_identifier = c.project_id AND e.sequence_number = c.sequence"
            + " WHERE e.event_identifier IS DISTINCT FROM c.event_id";

    private final JdbcTemplate jdbc;

    ProjectedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Events the read model projected (recorded up to {@code knownAt}, or all) that the store lacks. */
    List<ChainProblem> missingFromStore(Instant knownAt) {
        String sql = CHECK + (knownAt == null ? "" : " AND c.recorded_at <= ?") + " ORDER BY c.project_id, c.sequence";
        Object[] args = knownAt == null ? new Object[0] : new Object[]{Timestamp.from(knownAt)};
        return jdbc.query(sql, (rs, i) -> {
            String stored = rs.getString(4);
            return new ChainProblem(rs.getString(1), rs.getLong(2), stored == null
                    ? "event " + rs.getString(3) + " was recorded at this sequence (the read model projected it) "
                      + "but the event store no longer holds it"
                    : "event " + rs.getString(3) + " was recorded at this sequence (the read model projected it) "
                      + "but the event store now holds event " + stored + " there");
        }, args);
    }
}
