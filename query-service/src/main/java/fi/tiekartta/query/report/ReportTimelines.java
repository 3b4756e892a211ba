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

    private static final String UNPROJECTED = "SELECT count(*) FROM " + EventStoreTables.DOMAIN_EVENTS + " e"
            + " WHERE e.time_stamp::timestamptz <= CAST(? AS timestamptz)"
            + " AND e.payload_type IN (" + PROJECTED_TYPES.stream().map(t -> "'" + t + "'").collect(Collectors.joining(", ")) + ")"
            + " AND NOT EXISTS (SELECT 1 FROM read_model.project_change c WHERE c.event_id = e.event_identifier)";

    private static final String SEGMENTS = "SELECT v.project_id, v.sector, v.valid_from, v.status, v.state->>'title' AS title,"
            + " (v.state->>'plannedEndYear')::int AS planned_end_year, (v.state->>'targetYear')::int AS target_year"
            + " FROM read_model.project_view v"
            + " WHERE tstzrange(v.recorded_from, v.recorded_to) @> CAST(? AS timestamptz) AND v.valid_from <= ?";

    private final JdbcTemplate jdbc;

    public ReportTimelines(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Every segment known at {@code knownAt} that starts on or before {@code lastDay}, of every project, in no
     * particular order. The segments of one project, ordered by {@code validFrom}, are its timeline.
     */
    public List<TimelineSegment> segmentsUpTo(LocalDate lastDay, Instant knownAt) {
        return jdbc.query(SEGMENTS,
                          (rs, i) -> new TimelineSegment(rs.getString("project_id"), rs.getString("sector"),
                                                         rs.getObject("valid_from", LocalDate.class),
                                                         ProjectStatus.valueOf(rs.getString("status")),
                                                         rs.getString("title"),
                                                         rs.getObject("planned_end_year", Integer.class),
                                                         rs.getObject("target_year", Integer.class)),
                          utc(knownAt), lastDay);
    }

    /**
     * How many events recorded up to {@code knownAt} the read models have not applied yet. A report made while
     * this is above zero would lack them, and the same {@code knownAt} asked later would give other bytes.
     */
    public long eventsNotYetProjected(Instant knownAt) {
        Long count = jdbc.queryForObject(UNPROJECTED, Long.class, utc(knownAt));
        return count == null ? 0 : count;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
