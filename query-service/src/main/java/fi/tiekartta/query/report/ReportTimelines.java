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

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
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

    /**
     * The events recorded up to an instant that the change log lacks, among those after the processor's position
     * (or in its gaps): every event up to the position is applied, in the same transaction as the token.
     */
    private static final String UNPROJECTED = "SELECT count(*) FROM " + EventStoreTables.DOMAIN_EVENTS + " e"
            + " WHERE (e.global_index > ? OR e.global_index = ANY (?))"
            + " AND e.time_stamp::timestamptz <= CAST(? AS timestamptz)"
            + " AND e.payload_type IN (" + quoted(PROJECTED_TYPES.stream()) + ")"
            + " AND NOT EXISTS (SELECT 1 FROM read_model.project_change c WHERE c.event_id = e.event_identifier)";

    /**
     * The segments known at an instant that a year can see, per project: the one in force just before the year
     * starts (the last that starts before it) and those starting up to its last day, each with whether the
     * project had begun by then. The window runs over every earlier segment in the database; only what the
     * year needs comes back, so the answer grows with the projects, not with their years of history. One pass:
     * the window's rows carry what the answer needs (the state's fields are taken only from the rows kept), which
     * sorts less and spares a join back to each kept row by id (docs/PERFORMANCE.md, "Read model indexes").
     */
    private static final String YEAR_SEGMENTS = "SELECT project_id, sector, valid_from, status,"
            + " f.title, f.\"plannedEndYear\" AS planned_end_year, f.\"targetYear\" AS target_year, begun_so_far"
            + " FROM (SELECT project_id, sector, valid_from, status, state,"
            + "         bool_or(status IN (" + quoted(YearEndFold.BEGUN.stream().map(ProjectStatus::name)) + ")) OVER w AS begun_so_far,"
            + "         lead(valid_from) OVER w AS next_from"
            + "       FROM read_model.project_view"
            + "       WHERE tstzrange(recorded_from, recorded_to) @> CAST(? AS timestamptz) AND valid_from <= ?"
            + "       WINDOW w AS (PARTITION BY project_id ORDER BY valid_from)) s,"
            // The state is json (V10): one parse per kept row for its three fields, where ->> would parse it thrice.
            + " LATERAL json_to_record(state) AS f(title text, \"plannedEndYear\" int, \"targetYear\" int)"
            + " WHERE valid_from >= ? OR next_from IS NULL OR next_from >= ?";

    private final JdbcTemplate jdbc;
    private final ProjectionPosition position;

    public ReportTimelines(JdbcTemplate jdbc, ProjectionPosition position) {
        this.jdbc = jdbc;
        this.position = position;
    }

    /** A segment the year can see, and whether the project had begun by the end of it ({@link YearEndFold#ofYear}). */
    public record YearSegment(TimelineSegment segment, boolean begunSoFar) {
    }

    /**
     * Of every project known at {@code knownAt}: the segment in force just before {@code year} and those starting
     * during it, in no particular order. The segments of one project, ordered by {@code validFrom}, are what
     * {@link YearEndFold#ofYear} folds.
     */
    public List<YearSegment> segmentsOfYear(int year, Instant knownAt) {
        LocalDate firstDay = LocalDate.of(year, 1, 1);
        return jdbc.query(YEAR_SEGMENTS,
                          (rs, i) -> new YearSegment(new TimelineSegment(rs.getString("project_id"), rs.getString("sector"),
                                                                         rs.getObject("valid_from", LocalDate.class),
                                                                         ProjectStatus.valueOf(rs.getString("status")),
                                                                         rs.getString("title"),
                                                                         rs.getObject("planned_end_year", Integer.class),
                                                                         rs.getObject("target_year", Integer.class)),
                                                     rs.getBoolean("begun_so_far")),
                          utc(knownAt), LocalDate.of(year, 12, 31), firstDay, firstDay);
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
