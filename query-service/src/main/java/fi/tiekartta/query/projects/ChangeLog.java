package fi.tiekartta.query.projects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tiekartta.support.eventstore.EventJson;
import fi.tiekartta.vocabulary.ProjectStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Table {@code read_model.project_change}: every recorded change, in recording order per project. */
@Repository
public class ChangeLog {

    private static final ObjectMapper JSON = EventJson.newObjectMapper();
    /**
     * The table's columns with their types, in the order the live INSERT and the rebuild's COPY
     * ({@link BulkProjection}) write them; a rebuild checks the types against the table before it writes.
     */
    public static final CopyRows.Layout COLUMNS = CopyRows.Layout.of(
            "project_id text, sequence bigint, change_id text, event_id text, type text, recorded_at timestamp with time zone, "
            + "actor text, reason text, correlation_id text, effective_date date, status text, previous_status text, unit text, "
            + "progress_percent integer, target_year integer, scheduled_for text, note text, corrects text, details jsonb");
    private static final String COLUMN_NAMES = COLUMNS.columnNames();

    private final JdbcTemplate jdbc;

    public ChangeLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds changes not stored yet (the projection checked); a change stored already fails the whole batch. */
    void appendAll(List<RecordedChange> changes) {
        jdbc.batchUpdate(
                "INSERT INTO read_model.project_change (" + COLUMN_NAMES + ") "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)",
                changes, changes.size(), (ps, c) -> {
                    ps.setString(1, c.projectId());
                    ps.setLong(2, c.sequence());
                    ps.setString(3, c.changeId());
                    ps.setString(4, c.eventId());
                    ps.setString(5, c.type().name());
                    ps.setTimestamp(6, Timestamp.from(c.recordedAt()));
                    ps.setString(7, c.actor());
                    ps.setString(8, c.reason());
                    ps.setString(9, c.correlationId());
                    ps.setObject(10, c.effectiveDate() == null ? null : Date.valueOf(c.effectiveDate()), Types.DATE);
                    ps.setString(11, c.status() == null ? null : c.status().name());
                    ps.setString(12, c.previousStatus() == null ? null : c.previousStatus().name());
                    ps.setString(13, c.unit());
                    ps.setObject(14, c.progressPercent(), Types.INTEGER);
                    ps.setObject(15, c.targetYear(), Types.INTEGER);
                    ps.setString(16, c.scheduledFor());
                    ps.setString(17, c.note());
                    ps.setString(18, c.corrects());
                    ps.setString(19, c.details() == null ? null : toJson(c.details()));
                });
    }

    /** The changes of each of {@code projectIds} that has any, each list in sequence order. */
    Map<String, List<RecordedChange>> changesOfAll(Collection<String> projectIds) {
        Map<String, List<RecordedChange>> byProject = new HashMap<>();
        jdbc.query("SELECT " + COLUMN_NAMES + " FROM read_model.project_change WHERE project_id = ANY (?) ORDER BY project_id, sequence",
                   ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", projectIds.toArray())),
                   (ResultSet rs) -> {
                       RecordedChange change = ROW.mapRow(rs, 0);
                       byProject.computeIfAbsent(change.projectId(), id -> new ArrayList<>()).add(change);
                   });
        return byProject;
    }

    /** The last sequence of each of {@code projectIds} that has a change. */
    Map<String, Long> lastSequences(Collection<String> projectIds) {
        Map<String, Long> last = new HashMap<>();
        jdbc.query("SELECT p.id, (SELECT max(c.sequence) FROM read_model.project_change c WHERE c.project_id = p.id)"
                   + " FROM unnest(?::text[]) AS p(id)",
                   ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", projectIds.toArray())),
                   (ResultSet rs) -> {
                       long sequence = rs.getLong(2);
                       if (!rs.wasNull()) {
                           last.put(rs.getString(1), sequence);
                       }
                   });
        return last;
    }

    /**
     * For each of {@code projectIds} that has one, when its first status report was recorded within
     * [{@code from}, {@code to}) ({@code to} null: open-ended) with an effective date on or before
     * {@code effectiveUpTo}. A status report is a status change (a confirmation repeating the same status and a
     * unit's change included) or a correction; registrations, owner and detail changes and retractions are not, and
     * a report retracted before {@code to} (it should never have been recorded) does not count.
     * What a reporting round counts as reported (docs/ROUNDS.md).
     */
    public Map<String, Instant> firstStatusReports(Collection<String> projectIds, Instant from, Instant to,
                                                   LocalDate effectiveUpTo) {
        Map<String, Instant> first = new HashMap<>();
        jdbc.query("SELECT c.project_id, min(c.recorded_at) FROM read_model.project_change c"
                   + " WHERE c.project_id = ANY (?) AND c.type IN ('" + ChangeType.STATUS_CHANGED + "', '" + ChangeType.CORRECTED + "')"
                   + " AND c.recorded_at >= ? AND (CAST(? AS timestamptz) IS NULL OR c.recorded_at < ?) AND c.effective_date <= ?"
                   + " AND NOT EXISTS (SELECT 1 FROM read_model.project_change r WHERE r.project_id = c.project_id"
                   + "   AND r.type = '" + ChangeType.RETRACTED + "' AND r.corrects = c.change_id"
                   + "   AND (CAST(? AS timestamptz) IS NULL OR r.recorded_at < ?))"
                   + " GROUP BY c.project_id",
                   ps -> {
                       Timestamp until = to == null ? null : Timestamp.from(to);
                       ps.setArray(1, ps.getConnection().createArrayOf("text", projectIds.toArray()));
                       ps.setTimestamp(2, Timestamp.from(from));
                       ps.setTimestamp(3, until);
                       ps.setTimestamp(4, until);
                       ps.setDate(5, Date.valueOf(effectiveUpTo));
                       ps.setTimestamp(6, until);
                       ps.setTimestamp(7, until);
                   },
                   (ResultSet rs) -> {
                       first.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant());
                   });
        return first;
    }

    public List<RecordedChange> changesOf(String projectId) {
        return jdbc.query("SELECT " + COLUMN_NAMES + " FROM read_model.project_change WHERE project_id = ? ORDER BY sequence",
                          ROW, projectId);
    }

    void deleteAll() {
        jdbc.update("DELETE FROM read_model.project_change");
    }

    private static final RowMapper<RecordedChange> ROW = (rs, i) -> new RecordedChange(
            rs.getString("project_id"),
            rs.getLong("sequence"),
            rs.getString("change_id"),
            rs.getString("event_id"),
            ChangeType.valueOf(rs.getString("type")),
            rs.getTimestamp("recorded_at").toInstant(),
            rs.getString("actor"),
            rs.getString("reason"),
            rs.getString("correlation_id"),
            rs.getObject("effective_date", java.time.LocalDate.class),
            status(rs, "status"),
            status(rs, "previous_status"),
            rs.getString("unit"),
            rs.getObject("progress_percent", Integer.class),
            rs.getObject("target_year", Integer.class),
            rs.getString("scheduled_for"),
            rs.getString("note"),
            rs.getString("corrects"),
            details(rs.getString("details")));

    private static ProjectStatus status(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        return value == null ? null : ProjectStatus.valueOf(value);
    }

    private static ProjectDetails details(String json) {
        try {
            return json == null ? null : JSON.readValue(json, ProjectDetails.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable project details: " + json, e);
        }
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
