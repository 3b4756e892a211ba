package fi.tiekartta.query.projects;

import fi.tiekartta.query.projects.ProjectTimeline.Segment;
import fi.tiekartta.vocabulary.ProjectStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Table {@code read_model.project_view}: the project views along both clocks. A batch closes the believed rows a
 * change makes untrue (sets their {@code recorded_to}) and adds new ones; a believed row recorded at the very instant
 * of the change that replaces it was never visible to any {@code knownAt} and is deleted instead. So a row that
 * answered some {@code knownAt} is never changed again but for closing it, and every earlier answer can be given
 * again.
 *
 * <p>"Visible on day D as known at instant K" is asked in one shape only ({@link #visibleAt}): the rows whose two
 * intervals contain the point, each with the project's version as known at K. The rows are found in two parts:
 * rows believed now (open {@code recorded_to}) that contain the day, by the SP-GiST index over their valid time (V11),
 * and rows closed after the instant, none when it is now: which ones from the index of closed rows alone (V15 includes
 * every column the conditions name), then their states by id, so that an instant long past no longer reads the whole
 * table for the few closed rows it sees. A closed row written by a rebuild may name the row that holds its state
 * ({@code state_of}, V16) instead of holding it: that row is read by id too. The version is the project's head (V4)
 * where the head was recorded by then, else the last change recorded by then.
 */
@Repository
public class ProjectViewTable {

    /** {@code %1$s}: further conditions on both parts of the rows, {@code %2$s}: the order. */
    private static final String VISIBLE = "SELECT v.state,"
            + " COALESCE(h.version, l.sequence) AS version, COALESCE(h.version_recorded_at, l.recorded_at) AS recorded_at,"
            + " v.project_id, v.sector, v.status"
            + " FROM (SELECT project_id, sector, status, state FROM read_model.project_view"
            + "        WHERE recorded_to IS NULL AND recorded_from <= ? AND daterange(valid_from, valid_to) @> CAST(? AS date)%1$s"
            + "       UNION ALL"
            + "       SELECT c.project_id, c.sector, c.status, COALESCE(c.state, holder.state) FROM read_model.project_view c"
            + "         LEFT JOIN read_model.project_view holder ON holder.id = c.state_of"
            + "        WHERE c.id IN ("
            + "         SELECT id FROM read_model.project_view"
            + "          WHERE recorded_to > ? AND recorded_from <= ? AND daterange(valid_from, valid_to) @> CAST(? AS date)"
            + "            AND tstzrange(recorded_from, recorded_to) @> CAST(? AS timestamptz)%1$s)) v"
            + " LEFT JOIN read_model.project_head h ON h.project_id = v.project_id AND h.last_recorded_at <= ?"
            + " LEFT JOIN LATERAL (SELECT c.sequence, c.recorded_at FROM read_model.project_change c"
            + "   WHERE h.project_id IS NULL AND c.project_id = v.project_id AND c.recorded_at <= ?"
            + "   ORDER BY c.sequence DESC LIMIT 1) l ON true"
            + " WHERE (h.project_id IS NOT NULL OR l.sequence IS NOT NULL)%2$s";

    /**
     * The table's columns (but its surrogate id) with their types, in the order the live INSERT and the rebuild's COPY
     * write them. The last three repeat fields of the state for the year-end report, which reads only those of the
     * state (V14).
     */
    public static final CopyRows.Layout COLUMNS = CopyRows.Layout.of(
            "project_id text, valid_from date, valid_to date, recorded_from timestamp with time zone, "
            + "recorded_to timestamp with time zone, sector text, status text, state text, title text, "
            + "planned_end_year integer, target_year integer");

    /**
     * The columns a rebuild writes: {@link #COLUMNS} between the id, which it draws itself so that a closed row can
     * name the row holding its state, and that name ({@code state_of}, V16), which the live projection never writes.
     */
    public static final CopyRows.Layout REBUILT_COLUMNS = CopyRows.Layout.of(
            "id bigint, " + COLUMNS.declaration() + ", state_of bigint");

    /**
     * Added to a closed row's day: larger than the days between {@link LocalDate#MIN} and {@link LocalDate#MAX}
     * (about 7.3e11), so that every closed row comes after every believed one, and far from overflowing a long.
     */
    private static final long CLOSED_ROWS_AFTER = 1L << 40;

    private final JdbcTemplate jdbc;

    /**
     * The order in which a rebuild writes a chunk of rows ({@link CopyRows#rowInOrder}): rows believed now first,
     * each part by the first day of its valid time. The rows that contain a day are mostly those that began shortly
     * before it, so a day's rows share pages; written project after project, each lay on a page of its own
     * (docs/PERFORMANCE.md, "What changed on 2026-12-01 (midday)"). Rows the live projection adds come in the order
     * they are recorded, close to this order while changes are reported as they happen; backdated changes and
     * corrections depart from it until the next rebuild.
     */
    public static long rebuildOrder(LocalDate validFrom, Instant recordedTo) {
        return recordedTo == null ? validFrom.toEpochDay() : CLOSED_ROWS_AFTER + validFrom.toEpochDay();
    }

    public ProjectViewTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A project view as found: its state during valid time, and the project's version as known then. */
    public record Found(ProjectState state, long version, Instant lastRecordedAt) {
    }

    /** A row believed now (its {@code recorded_to} open), as stored. */
    record StoredRow(Segment segment, Instant recordedFrom) {
    }

    /** A project's head ({@code project_head}) and its believed row that runs on without end. */
    record StoredTail(String projectId, long version, Instant versionRecordedAt, Instant lastRecordedAt,
                      StoredRow lastBelieved) {
    }

    /**
     * Writes what a batch of events changed: first the stored rows it closes or deletes (found by project and
     * {@code valid_from}, unique among a project's believed rows), then the rows it adds, some of them already
     * closed. Each close and delete must hit exactly one row, or the batch fails: the projection's memory and the
     * table would have parted ways. A row about to be deleted first gives its state to the closed rows that name it
     * ({@code state_of}, V16): a rebuild may have written them so.
     */
    void write(ProjectionBatch batch) {
        requireOneRowEach("close", jdbc.batchUpdate(
                "UPDATE read_model.project_view SET recorded_to = ? WHERE project_id = ? AND valid_from = ? AND recorded_to IS NULL",
                batch.closes, batch.closes.size(), (ps, row) -> {
                    ps.setTimestamp(1, Timestamp.from(row.recordedTo()));
                    ps.setString(2, row.projectId());
                    ps.setDate(3, Date.valueOf(row.validFrom()));
                }));
        jdbc.batchUpdate("UPDATE read_model.project_view named SET state = holder.state, state_of = NULL"
                         + " FROM read_model.project_view holder"
                         + " WHERE holder.project_id = ? AND holder.valid_from = ? AND holder.recorded_to IS NULL"
                         + "   AND named.project_id = holder.project_id AND named.state_of = holder.id",
                         batch.deletes, batch.deletes.size(), (ps, row) -> {
                             ps.setString(1, row.projectId());
                             ps.setDate(2, Date.valueOf(row.validFrom()));
                         });
        requireOneRowEach("delete", jdbc.batchUpdate(
                "DELETE FROM read_model.project_view WHERE project_id = ? AND valid_from = ? AND recorded_to IS NULL",
                batch.deletes, batch.deletes.size(), (ps, row) -> {
                    ps.setString(1, row.projectId());
                    ps.setDate(2, Date.valueOf(row.validFrom()));
                }));
        List<ProjectionBatch.NewRow> added = batch.inserts.stream().filter(row -> !row.dropped()).toList();
        jdbc.batchUpdate("INSERT INTO read_model.project_view (" + COLUMNS.columnNames() + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                             ps.setString(8, new String(ViewJson.stored(segment.state()), StandardCharsets.UTF_8));
                             ps.setString(9, segment.state().title());
                             ps.setObject(10, segment.state().plannedEndYear(), Types.INTEGER);
                             ps.setObject(11, segment.state().targetYear(), Types.INTEGER);
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
        jdbc.query("SELECT project_id, valid_from, valid_to, recorded_from, state FROM read_model.project_view "
                   + "WHERE project_id = ANY (?) AND recorded_to IS NULL",
                   ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", projectIds.toArray())),
                   (ResultSet rs) -> {
                       StoredRow row = new StoredRow(new Segment(rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class),
                                                                 ViewJson.read(rs.getBytes(5))),
                                                     rs.getTimestamp(4).toInstant());
                       byProject.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(row);
                   });
        return byProject;
    }

    /**
     * The tail of each of {@code projectIds} that has a head and a believed row: one probe of the head's key and one
     * of the index of a project's rows (V17, {@code recorded_to IS NULL} among its conditions), from its end, per
     * project, where the whole history is tens of rows.
     */
    Map<String, StoredTail> tailsOf(Collection<String> projectIds) {
        Map<String, StoredTail> tails = new HashMap<>();
        jdbc.query("SELECT h.project_id, h.version, h.version_recorded_at, h.last_recorded_at, v.valid_from, v.valid_to,"
                   + " v.recorded_from, v.state FROM read_model.project_head h"
                   + " CROSS JOIN LATERAL (SELECT valid_from, valid_to, recorded_from, state FROM read_model.project_view"
                   + "   WHERE project_id = h.project_id AND recorded_to IS NULL ORDER BY valid_from DESC LIMIT 1) v"
                   + " WHERE h.project_id = ANY (?)",
                   ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", projectIds.toArray())),
                   (ResultSet rs) -> {
                       if (rs.getObject(6) != null) {
                           return; // not registered yet: no row runs on without end
                       }
                       StoredRow row = new StoredRow(new Segment(rs.getObject(5, LocalDate.class), null, ViewJson.read(rs.getBytes(8))),
                                                     rs.getTimestamp(7).toInstant());
                       tails.put(rs.getString(1), new StoredTail(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant(),
                                                                 rs.getTimestamp(4).toInstant(), row));
                   });
        return tails;
    }

    /** Every project view visible on {@code asOf} as known at {@code knownAt}, in no particular order. */
    public List<Found> visibleAt(LocalDate asOf, Instant knownAt) {
        return visible(asOf, knownAt, Map.of(), null, "", FOUND);
    }

    /** The same, not decoded: each state in the stored form ({@link ViewJson}), for an answer that writes them whole. */
    public List<StoredView> storedViewsAt(LocalDate asOf, Instant knownAt) {
        return visible(asOf, knownAt, Map.of(), null, "", STORED);
    }

    /** The same narrowed to a sector and a status (each when not null), ordered by project id. */
    public List<Found> visibleAt(LocalDate asOf, Instant knownAt, String sector, String status) {
        Map<String, String> only = new LinkedHashMap<>();
        if (sector != null) {
            only.put("sector", sector);
        }
        if (status != null) {
            only.put("status", status);
        }
        return visible(asOf, knownAt, only, null, " ORDER BY v.project_id", FOUND);
    }

    /**
     * A page of the same: at most {@code limit} views of projects after {@code afterId} (null: from the first), in
     * the same order, so that pages asked at the same {@code asOf} and {@code knownAt} list each project once.
     */
    public List<Found> visibleAt(LocalDate asOf, Instant knownAt, String sector, String status, String afterId, int limit) {
        Map<String, String> only = new LinkedHashMap<>();
        if (sector != null) {
            only.put("sector", sector);
        }
        if (status != null) {
            only.put("status", status);
        }
        return visible(asOf, knownAt, only, afterId, " ORDER BY v.project_id LIMIT " + Math.max(0, limit), FOUND);
    }

    /** One project's view visible on {@code asOf} as known at {@code knownAt}. */
    public Optional<Found> find(String projectId, LocalDate asOf, Instant knownAt) {
        return visible(asOf, knownAt, Map.of("project_id", projectId), null, "", FOUND).stream().findFirst();
    }

    private <T> List<T> visible(LocalDate asOf, Instant knownAt, Map<String, String> only, String afterId, String orderBy,
                                RowMapper<T> rows) {
        Visible visible = Visible.of(asOf, knownAt, only, afterId, orderBy);
        return jdbc.query(visible.sql(), rows, visible.arguments());
    }

    /** The statement of {@link #VISIBLE} for one question, with its arguments in order. */
    record Visible(String sql, Object[] arguments) {

        /**
         * @param only    columns of {@code project_view} and the value each must have
         * @param afterId only projects whose id sorts after it (null: all)
         */
        static Visible of(LocalDate asOf, Instant knownAt, Map<String, String> only, String afterId, String orderBy) {
            StringBuilder conditions = new StringBuilder();
            only.keySet().forEach(column -> conditions.append(" AND ").append(column).append(" = ?"));
            List<Object> values = new ArrayList<>(only.values());
            if (afterId != null) {
                conditions.append(" AND project_id > ?");
                values.add(afterId);
            }
            OffsetDateTime known = OffsetDateTime.ofInstant(knownAt, ZoneOffset.UTC);
            List<Object> args = new ArrayList<>(List.of(known, asOf));
            args.addAll(values);
            args.addAll(List.of(known, known, asOf, known));
            args.addAll(values);
            args.addAll(List.of(known, known));
            return new Visible(VISIBLE.formatted(conditions, orderBy), args.toArray());
        }
    }

    void deleteAll() {
        jdbc.update("DELETE FROM read_model.project_view");
    }

    // By position, as VISIBLE selects them (state, version, recorded_at, project_id, sector, status); the state's bytes
    // as they came (UTF-8, the text form), read without a String between.
    private static final RowMapper<Found> FOUND = (rs, i) -> new Found(
            ViewJson.read(rs.getBytes(1)), rs.getLong(2), rs.getObject(3, OffsetDateTime.class).toInstant());

    private static final RowMapper<StoredView> STORED = (rs, i) -> {
        ProjectStatus status = ProjectStatus.valueOf(rs.getString(6));
        return new StoredView(rs.getString(4), rs.getString(5), status, ViewJson.asStored(rs.getBytes(1), status),
                              rs.getLong(2), rs.getObject(3, OffsetDateTime.class).toInstant());
    };
}
