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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
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

    /**
     * The timelines of {@code year} of every project known at {@code knownAt}, in no particular order. Runs inside the
     * caller's repeatable-read transaction ({@link YearEndReports}): the rows' details are read by id in a second
     * statement, which must see the same rows as the first.
     */
    public List<YearTimeline> timelinesOfYear(int year, Instant knownAt) {
        Integer isolation = TransactionSynchronizationManager.getCurrentTransactionIsolationLevel();
        Assert.state(isolation != null && isolation >= Connection.TRANSACTION_REPEATABLE_READ,
                     "the year's timelines are read in one repeatable-read snapshot");
        Map<String, ProjectRows> byProject = new HashMap<>();
        jdbc.query(YEAR_ROWS, rs -> {
            String projectId = rs.getString(2);
            ProjectRows rows = byProject.get(projectId);
            if (rows == null) {
                rows = new ProjectRows();
                byProject.put(projectId, rows);
            }
            rows.add(rs.getLong(1), new TimelineSegment(projectId, rs.getString(3), LocalDate.ofEpochDay(rs.getInt(4)),
                                                        ProjectStatus.valueOf(rs.getString(5)), null, null, null),
                     rs.getBoolean(6));
        }, yearRowsArguments(year, knownAt));
        LongStream.Builder read = LongStream.builder();
        for (ProjectRows rows : byProject.values()) {
            rows.putInValidTimeOrder();
            rows.addThoseWhoseDetailsTheFoldReads(read);
        }
        Map<Long, Details> details = detailsOf(read.build().toArray());
        List<YearTimeline> timelines = new ArrayList<>(byProject.size());
        for (ProjectRows rows : byProject.values()) {
            timelines.add(rows.timeline(details));
        }
        return timelines;
    }

    /**
     * One project's rows of {@link #YEAR_ROWS}: gathered as they come, in no order, each already the segment the fold
     * reads but without the state's fields, which {@link #timeline} adds to the few rows whose fields the fold reads;
     * then put in valid-time order by a loop of its own rather than by a comparator. A report's first call runs this
     * for some 200,000 rows before the JIT has compiled much of it, so each object and call less per row is time the
     * first caller waits less.
     */
    private static final class ProjectRows {

        private TimelineSegment[] segments = new TimelineSegment[8];
        private long[] ids = new long[8];
        /** Of each row: whether the project had begun on some day before the year ({@link #YEAR_ROWS}). */
        private boolean[] begunBeforeYear = new boolean[8];
        private int size;

        void add(long id, TimelineSegment segment, boolean begunBefore) {
            if (size == segments.length) {
                segments = Arrays.copyOf(segments, size * 2);
                ids = Arrays.copyOf(ids, size * 2);
                begunBeforeYear = Arrays.copyOf(begunBeforeYear, size * 2);
            }
            segments[size] = segment;
            ids[size] = id;
            begunBeforeYear[size] = begunBefore;
            size++;
        }

        /** An insertion sort by the first day of valid time: a project has a few dozen rows in a year at most. */
        void putInValidTimeOrder() {
            for (int i = 1; i < size; i++) {
                TimelineSegment segment = segments[i];
                long id = ids[i];
                boolean begunBefore = begunBeforeYear[i];
                int j = i - 1;
                while (j >= 0 && segments[j].validFrom().isAfter(segment.validFrom())) {
                    segments[j + 1] = segments[j];
                    ids[j + 1] = ids[j];
                    begunBeforeYear[j + 1] = begunBeforeYear[j];
                    j--;
                }
                segments[j + 1] = segment;
                ids[j + 1] = id;
                begunBeforeYear[j + 1] = begunBefore;
            }
        }

        /** Whether the fold reads the state's fields of the i-th row, the rows in order. */
        private boolean readsDetailsOf(int i) {
            return YearEndFold.readsDetailsOf(segments[i].status(), i + 1 < size ? segments[i + 1].status() : null);
        }

        void addThoseWhoseDetailsTheFoldReads(LongStream.Builder read) {
            for (int i = 0; i < size; i++) {
                if (readsDetailsOf(i)) {
                    read.add(ids[i]);
                }
            }
        }

        YearTimeline timeline(Map<Long, Details> details) {
            for (int i = 0; i < size; i++) {
                // only the rows read above are looked up, without boxing each of the year's ids
                Details d = readsDetailsOf(i) ? details.get(ids[i]) : null;
                if (d != null) {
                    TimelineSegment s = segments[i];
                    segments[i] = new TimelineSegment(s.projectId(), s.sector(), s.validFrom(), s.status(), d.title(),
                                                      d.plannedEndYear(), d.targetYear());
                }
            }
            TimelineSegment first = segments[0];
            return new YearTimeline(Arrays.asList(Arrays.copyOf(segments, size)),
                                    begunBeforeYear[0] || YearEndFold.BEGUN.contains(first.status()));
        }
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
    }

    /** The ids go as a primitive array, which the driver sends in binary, not as a text of numbers it writes out. */
    private Map<Long, Details> detailsOf(long[] ids) {
        Map<Long, Details> details = new HashMap<>();
        jdbc.query(DETAILS, ps -> ps.setObject(1, ids), rs -> {
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
