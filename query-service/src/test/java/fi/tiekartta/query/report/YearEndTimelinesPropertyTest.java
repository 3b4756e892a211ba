package fi.tiekartta.query.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tiekartta.events.ProjectDetailsRevisedEvent;
import fi.tiekartta.events.ProjectRegisteredEvent;
import fi.tiekartta.events.ProjectStatusChangedEvent;
import fi.tiekartta.query.QueryServiceTestBase;
import fi.tiekartta.query.projects.ProjectState;
import fi.tiekartta.query.roadmap.KnownAt;
import fi.tiekartta.query.timetravel.RandomHistory;
import fi.tiekartta.query.timetravel.RandomHistory.Change;
import fi.tiekartta.support.eventstore.EventJson;
import fi.tiekartta.vocabulary.ProjectStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The year-end report reads only what a year can see ({@link ReportTimelines}: the rows in force from the year's eve
 * on, a probe for "begun before", the state's fields only where the fold reads them). On random histories (backdated
 * changes, corrections, retractions, units, revised planned end years, some on the day of a postponement), every
 * project's line of the report, for several years and as known at several instants, is what {@link YearEndFold#of}
 * gives from the project's whole timeline as known then, every field of every row read.
 */
class YearEndTimelinesPropertyTest extends QueryServiceTestBase {

    private static final int PROJECTS = 8;
    private static final List<ProjectStatus> BOUNDARY_STATUSES = List.of(
            ProjectStatus.IN_PROGRESS, ProjectStatus.WAITING, ProjectStatus.POSTPONED, ProjectStatus.DONE, ProjectStatus.NOT_NEEDED);
    private static final ObjectMapper JSON = EventJson.newObjectMapper();

    @Autowired
    private YearEndReports reports;
    @Autowired
    private JdbcTemplate jdbc;

    @ParameterizedTest
    @ValueSource(longs = {7, 19, 64})
    void eachProjectsLine_isTheFoldOfItsWholeTimeline(long seed) {
        Random random = new Random(seed);
        List<String> ids = new ArrayList<>();
        List<List<Object>> pending = new ArrayList<>();
        for (int p = 0; p < PROJECTS; p++) {
            String id = newProjectId();
            ids.add(id);
            pending.add(events(id, RandomHistory.generate(seed * 131 + p), random));
        }
        List<Instant> knownAfter = new ArrayList<>();
        appendInterleaved(ids, pending, random, knownAfter, appended -> { });

        int compared = 0;
        int begunOnlyBeforeTheEve = 0;
        int changedOnNewYearsDay = 0;
        int postponed = 0;
        for (int i = 1; i <= 4; i++) {
            // As the controller gives it: knownAt in milliseconds, the resolution of the recorded times.
            Instant known = KnownAt.normalise(knownAfter.get(i * (knownAfter.size() - 1) / 4));
            for (int year = 2020; year <= 2023; year++) {
                List<ProjectYear> lines = reports.report(year, known).sectors().stream().flatMap(s -> s.projects().stream())
                        .filter(line -> ids.contains(line.projectId())).toList();
                Map<String, ProjectYear> reported = new HashMap<>();
                lines.forEach(line -> reported.put(line.projectId(), line));
                assertThat(reported).as("one line per project").hasSameSizeAs(lines);
                Map<String, ProjectYear> folded = new HashMap<>();
                LocalDate newYearsDay = LocalDate.of(year, 1, 1);
                for (String id : ids) {
                    List<TimelineSegment> timeline = wholeTimeline(id, known, LocalDate.of(year, 12, 31));
                    if (!timeline.isEmpty()) {
                        folded.put(id, YearEndFold.of(year, timeline));
                        begunOnlyBeforeTheEve += begunOnlyBeforeTheEve(timeline, year) ? 1 : 0;
                        changedOnNewYearsDay += timeline.stream().skip(1)
                                .anyMatch(s -> s.validFrom().equals(newYearsDay)) ? 1 : 0;
                    }
                }
                assertThat(reported).as("seed %d, year %d, known at %s", seed, year, known).isEqualTo(folded);
                compared += folded.size();
                postponed += (int) folded.values().stream().filter(line -> line.postponed() != null).count();
            }
        }
        assertThat(compared).as("project years compared").isGreaterThan(PROJECTS * 4);
        // The cases the report's shortcuts must get right, each met at least once.
        assertThat(begunOnlyBeforeTheEve).as("project years begun before the year, but not on its eve").isPositive();
        assertThat(changedOnNewYearsDay).as("project years with a change on the first day").isPositive();
        assertThat(postponed).as("project years with a postponement").isPositive();
    }

    /** The project had begun before the year, but the row in force on the year's eve has not a begun status. */
    private static boolean begunOnlyBeforeTheEve(List<TimelineSegment> timeline, int year) {
        List<TimelineSegment> before = timeline.stream().filter(s -> s.validFrom().getYear() < year).toList();
        return !before.isEmpty() && !YearEndFold.BEGUN.contains(before.get(before.size() - 1).status())
               && before.stream().anyMatch(s -> YearEndFold.BEGUN.contains(s.status()));
    }

    /**
     * A project's registration, its random history, and now and then a status change on a year's first or last day
     * (the row in force on the year's eve ends there) or a revision of its planned end year.
     */
    private static List<Object> events(String id, RandomHistory history, Random random) {
        List<Object> events = new ArrayList<>();
        events.add(new ProjectRegisteredEvent(id, "reg", random.nextBoolean() ? "TEKNIIKKA" : "HYVINVOINTI", "Hanke " + id,
                                              "omistaja", 2021, 2022 + random.nextInt(2), null, history.registeredOn()));
        int revision = 0;
        for (RandomHistory.Step step : history.steps()) {
            events.add(RandomHistory.event(id, step));
            if (random.nextInt(3) == 0) {
                int year = history.registeredOn().getYear() + 1 + random.nextInt(2);
                LocalDate day = random.nextBoolean() ? LocalDate.of(year, 1, 1) : LocalDate.of(year, 12, 31);
                ProjectStatus status = BOUNDARY_STATUSES.get(random.nextInt(BOUNDARY_STATUSES.size()));
                events.add(new ProjectStatusChangedEvent(id, "b" + revision++, status, ProjectStatus.NOT_STARTED, day,
                                                         status == ProjectStatus.IN_PROGRESS ? 50 : null,
                                                         status == ProjectStatus.POSTPONED ? year + 1 : null, null, null, null));
            }
            if (random.nextInt(4) == 0) {
                // Half on the day of the step just taken (a postponement among them), half on a day of their own.
                LocalDate day = step instanceof Change c && random.nextBoolean() ? c.effectiveDate()
                        : history.registeredOn().plusDays(random.nextInt(400));
                events.add(new ProjectDetailsRevisedEvent(id, "rev" + revision++, "Hanke " + id + " (" + revision + ")", null,
                                                          2021, 2022 + random.nextInt(3), day));
            }
        }
        return events;
    }

    /** Every row of the project visible at {@code knownAt} that starts by {@code lastDay}, each field from its state. */
    private List<TimelineSegment> wholeTimeline(String id, Instant knownAt, LocalDate lastDay) {
        Timestamp known = Timestamp.from(knownAt);
        return jdbc.query("SELECT valid_from, state::text FROM read_model.project_view WHERE project_id = ? AND valid_from <= ?"
                          + " AND recorded_from <= ? AND (recorded_to IS NULL OR recorded_to > ?) ORDER BY valid_from",
                          (rs, i) -> segment(rs.getObject(1, LocalDate.class), rs.getString(2)), id, lastDay, known, known);
    }

    private static TimelineSegment segment(LocalDate validFrom, String storedState) {
        try {
            ProjectState state = JSON.readValue(storedState, ProjectState.class);
            return new TimelineSegment(state.projectId(), state.sector(), validFrom, state.status(), state.title(),
                                       state.plannedEndYear(), state.targetYear());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
