package fi.tiekartta.query.report;

import fi.tiekartta.events.ProjectDetailsRevisedEvent;
import fi.tiekartta.events.ProjectOwnerAssignedEvent;
import fi.tiekartta.events.ProjectRegisteredEvent;
import fi.tiekartta.events.ProjectStatusChangedEvent;
import fi.tiekartta.events.StatusChangeCorrectedEvent;
import fi.tiekartta.events.StatusChangeRetractedEvent;
import fi.tiekartta.support.eventstore.EventStoreTables;
import fi.tiekartta.vocabulary.ProjectStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the year-end report reads: the projects' timelines as known at an instant, and whether they are complete. */
@Repository
public class ReportTimelines {

    /** The events the project views are projected from (ProjectProjection handles exactly these). */
    private static final List<String> PROJECTED_TYPES = Stream.of(
            ProjectRegisteredEvent.class, ProjectStatusChangedEvent.class, ProjectOwnerAssignedEvent.class,
            ProjectDetailsRevisedEvent.class, StatusChangeCorrectedEvent.class, StatusChangeRetractedEvent.class)
            .map(Class::getName).toList();

    /** The statuses of work that has begun ({@link YearEndFold#BEGUN}) as an SQL list. */
    private static final String BEGUN = quoted(YearEndFold.BEGUN.stream().map(ProjectStatus::name));

    /**
     * The events recorded up to an instant that the change log lacks, among those after the processor's position
     * (or in its gaps): every event up to the position is applied, in the same transaction as the token.
     */
    private static final String UNPROJECTED = "SELECT count(*) FROM " + EventStoreTables.DOMAIN_EVENTS + " e"
            + " WHERE (e.global_index > ? OR e.global_index = ANY (?))"
            + " AND e.time_stamp::timestamptz <= CAST(? AS timestamptz)"
            + " AND e.payload_type IN (" + quoted(PROJECTED_TYPES.stream()) + ")"
            + " AND NOT EXISTS (SELECT 1 FROM read_model.project_change c"
            + "                 WHERE c.project_id = e.aggregate_identifier AND c.sequence = e.sequence_number"
            + "                   AND c.event_id = e.event_identifier)";

    /**
     * The rows known at an instant that a year can see: those in force on some day from the year's eve to its last
     * day (the one in force just before the year starts, and those starting during it), found in the two parts every
     * "as known at K" question has (the believed rows by their valid-time index, and the rows closed after K by
     * their closing instant). Both parts come from their index alone: V13 and V15 include every column named here
     * (keep it so, or the rows are read from the table's pages again; {@code YearRowsPlanTest}). Without the fields
     * of their state: they are read only where the fold reads them ({@link #DETAILS}). The first day of valid time as
     * a day number, which the service reads as an integer where a date would be parsed from its text (no row has an
     * infinite day, which the subtraction refuses).
     * For the row in force on the year's eve, whether the project had begun on some day before the year: one probe of
     * the project's earlier rows, made only when that row's own status does not already say so, from the index of a
     * project's rows alone (V15). So what is read grows with the projects and the year's changes, not with the years
     * of history before it. Columns by position ({@link #timelinesOfYear}).
     */
    static final String YEAR_ROWS = "WITH visible AS ("
            + "  SELECT id, project_id, sector, valid_from, valid_to, status FROM read_model.project_view"
            + "   WHERE recorded_to IS NULL AND recorded_from <= ? AND daterange(valid_from, valid_to) && daterange(?, ?, '[]')"
            + "  UNION ALL"
            + "  SELECT id, project_id, sector, valid_from, valid_to, status FROM read_model.project_view"
            + "   WHERE recorded_to > ? AND recorded_from <= ? AND daterange(valid_from, valid_to) && daterange(?, ?, '[]'))"
            + " SELECT v.id, v.project_id, v.sector, v.valid_from - DATE '1970-01-01' AS valid_from_day, v.status,"
            + "        CASE WHEN v.valid_from >= ? THEN false"
            + "                  WHEN v.status IN (" + BEGUN + ") THEN true"
            + "                  ELSE EXISTS (SELECT 1 FROM read_model.project_view b"
            + "                                WHERE b.project_id = v.project_id AND b.valid_from < ? AND b.status IN (" + BEGUN + ")"
            + "                                  AND b.recorded_from <= ? AND (b.recorded_to IS NULL OR b.recorded_to > ?)) END"
            + "        AS begun_before_year"
            + " FROM visible v";

    /**
     * The title, planned end year and target year of some rows: the fields of their state the year-end fold reads,
     * as columns of their own (V14).
     */
    private static final String DETAILS = "SELECT id, title, planned_end_year, target_year FROM read_model.project_view"
            + " WHERE id = ANY (?)";

    private final JdbcTemplate jdbc;
    private final ProjectionPosition position;

    public ReportTimelines(JdbcTemplate jdbc, ProjectionPosition position) {
        this.jdbc = jdbc;
        this.position = position;
    }

    /**
     * One project's segments that a year can see, in valid-time order: the one in force just before the year (if the
     * project existed then) and those starting during it; what came earlier is summed up in {@code begunSoFar}, as
     * {@link YearEndFold#ofYear} takes it.
     *
     * <p>The state's fields ({@code title}, {@code plannedEndYear}, {@code targetYear}) are filled only where the fold
     * reads them ({@link YearEndFold#readsDetailsOf}); they are null in the others.
     */
    public record YearTimeline(List<TimelineSegment> segments, boolean begunSoFar) {

        public String projectId() {
            return segments.get(0).projectId();
        }
    }

    /** A row of {@link #YEAR_ROWS}; {@code validFrom} as a day number ({@link LocalDate#toEpochDay}). */
    private record YearRow(long id, String projectId, String sector, int validFrom, ProjectStatus status,
                           boolean begunBeforeYear) {
    }

    private static final Comparator<YearRow> IN_VALID_TIME = Comparator.comparingInt(YearRow::validFrom);

    /**
     * The timelines of {@code year} of every project known at {@code knownAt}, in no particular order. Runs inside the
     * caller's repeatable-read transaction ({@link YearEndReports}): the rows' details are read by id in a second
     * statement, which must see the same rows as the first.
     */
    public List<YearTimeline> timelinesOfYear(int year, Instant knownAt) {
        Integer isolation = TransactionSynchronizationManager.getCurrentTransactionIsolationLevel();
        Assert.state(isolation != null && isolation >= Connection.TRANSACTION_REPEATABLE_READ,
                     "the year's timelines are read in one repeatable-read snapshot");
        Map<String, List<YearRow>> byProject = new HashMap<>();
        jdbc.query(YEAR_ROWS, rs -> {
            String projectId = rs.getString(2);
            List<YearRow> rows = byProject.get(projectId);
            if (rows == null) {
                rows = new ArrayList<>();
                byProject.put(projectId, rows);
            }
            rows.add(new YearRow(rs.getLong(1), projectId, rs.getString(3), rs.getInt(4),
                                 ProjectStatus.valueOf(rs.getString(5)), rs.getBoolean(6)));
        }, yearRowsArguments(year, knownAt));
        List<Long> read = new ArrayList<>();
        for (List<YearRow> rows : byProject.values()) {
            rows.sort(IN_VALID_TIME);
            for (int i = 0; i < rows.size(); i++) {
                if (readsDetailsOf(rows, i)) {
                    read.add(rows.get(i).id());
                }
            }
        }
        Map<Long, Details> details = detailsOf(read);
        List<YearTimeline> timelines = new ArrayList<>(byProject.size());
        for (List<YearRow> rows : byProject.values()) {
            List<TimelineSegment> segments = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                YearRow row = rows.get(i);
                // only the rows read above are looked up: a year has ten times as many rows as details
                Details d = readsDetailsOf(rows, i) ? details.getOrDefault(row.id(), Details.NONE) : Details.NONE;
                segments.add(new TimelineSegment(row.projectId(), row.sector(), LocalDate.ofEpochDay(row.validFrom()),
                                                 row.status(), d.title(), d.plannedEndYear(), d.targetYear()));
            }
            YearRow first = rows.get(0);
            timelines.add(new YearTimeline(segments, first.begunBeforeYear() || YearEndFold.BEGUN.contains(first.status())));
        }
        return timelines;
    }

    /** Whether the fold reads the state's fields of one project's i-th row, its rows in valid-time order. */
    private static boolean readsDetailsOf(List<YearRow> rows, int i) {
        ProjectStatus next = i + 1 < rows.size() ? rows.get(i + 1).status() : null;
        return YearEndFold.readsDetailsOf(rows.get(i).status(), next);
    }

    /** The arguments of {@link #YEAR_ROWS} for {@code year} as known at {@code knownAt}, in the statement's order. */
    static Object[] yearRowsArguments(int year, Instant knownAt) {
        LocalDate firstDay = LocalDate.of(year, 1, 1);
        LocalDate lastDay = LocalDate.of(year, 12, 31);
        LocalDate eve = firstDay.minusDays(1);
        OffsetDateTime known = utc(knownAt);
        return new Object[] {known, eve, lastDay, known, known, eve, lastDay, firstDay, firstDay, known, known};
    }

    /** What {@link #DETAILS} reads of a row. */
    private record Details(String title, Integer plannedEndYear, Integer targetYear) {

        static final Details NONE = new Details(null, null, null);
    }

    private Map<Long, Details> detailsOf(List<Long> ids) {
        Map<Long, Details> details = new HashMap<>();
        jdbc.query(DETAILS, ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids.toArray())), rs -> {
            details.put(rs.getLong(1), new Details(rs.getString(2), rs.getObject(3, Integer.class),
                                                   rs.getObject(4, Integer.class)));
        });
        return details;
    }

    /**
     * How many events recorded up to {@code knownAt} the read models have not applied yet. A report made while
     * this is above zero would lack them, and the same {@code knownAt} asked later would give other bytes.
     */
    public long eventsNotYetProjected(Instant knownAt) {
        ProjectionPosition.Applied applied = position.applied();
        Long count = jdbc.query(UNPROJECTED, ps -> {
            ps.setLong(1, applied.upTo());
            ps.setArray(2, ps.getConnection().createArrayOf("bigint", applied.gaps().toArray()));
            ps.setObject(3, utc(knownAt));
        }, rs -> rs.next() ? rs.getLong(1) : 0L);
        return count == null ? 0 : count;
    }

    /** Constants of this class as an SQL list, in a fixed order so that the statement is always the same text. */
    private static String quoted(Stream<String> constants) {
        return constants.sorted().map(c -> "'" + c + "'").collect(Collectors.joining(", "));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
