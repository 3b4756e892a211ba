package fi.tiekartta.query.admin;

import fi.tiekartta.events.ProjectRegisteredEvent;
import fi.tiekartta.events.ReportingRoundClosedEvent;
import fi.tiekartta.events.ReportingRoundOpenedEvent;
import fi.tiekartta.query.QueryServiceTestBase;
import fi.tiekartta.query.timetravel.RandomHistory;
import fi.tiekartta.testsupport.HttpApi.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Random histories of several projects (backdated changes, corrections, retractions, units) and reporting rounds,
 * appended interleaved and projected live; then the read model is rebuilt by the bulk path (one snapshot, folded per
 * stream, COPY) and every query (project, list, roadmap, history, year-end report, round) answers exactly as the
 * live-projected read model did, as known at every step.
 */
class BulkRebuildPropertyTest extends QueryServiceTestBase {

    private static final int PROJECTS = 6;

    @Autowired
    private JdbcTemplate jdbc;

    @ParameterizedTest
    @ValueSource(longs = {3, 17, 42, 101})
    void theBulkRebuiltReadModel_answersEveryQueryAsTheLiveProjectedOne(long seed) {
        Random random = new Random(seed);
        List<String> ids = new ArrayList<>();
        List<RandomHistory> histories = new ArrayList<>();
        List<List<Object>> pending = new ArrayList<>();
        for (int p = 0; p < PROJECTS; p++) {
            String id = newProjectId();
            RandomHistory history = RandomHistory.generate(seed * 31 + p);
            ids.add(id);
            histories.add(history);
            List<Object> events = new ArrayList<>();
            events.add(new ProjectRegisteredEvent(id, "reg", p % 2 == 0 ? "TEKNIIKKA" : "HYVINVOINTI", "Hanke " + p,
                                                  "omistaja" + p % 3, 2021, 2024, null, history.registeredOn()));
            history.steps().forEach(step -> events.add(RandomHistory.event(id, step)));
            pending.add(events);
        }
        String round = "kierros-" + UUID.randomUUID();
        List<Instant> knownAfter = new ArrayList<>();
        int[] roundEvents = {0};
        int all = pending.stream().mapToInt(List::size).sum();
        appendInterleaved(ids, pending, random, knownAfter, appended -> {
            if (appended == all / 3 || appended == 2 * all / 3) {
                Object roundEvent = roundEvents[0] == 0
                        ? new ReportingRoundOpenedEvent(round, "Kierros " + seed, LocalDate.of(2021, 6, 30), LocalDate.of(2021, 8, 31))
                        : new ReportingRoundClosedEvent(round);
                appendTo("ReportingRound", round, roundEvents[0]++, roundEvent, "koordinaattori", null);
                knownAfter.add(pauseBetweenEvents());
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() ->
                api().get("/api/reporting-rounds/" + round, managementToken()).json().path("state").asText().equals("CLOSED"));

        TreeSet<LocalDate> days = new TreeSet<>();
        histories.forEach(h -> days.addAll(h.interestingDays()));
        Map<String, String> live = answers(ids, round, days, knownAfter);
        assertThat(rowsWhoseDetailsDifferFromTheirState(ids)).as("live").isZero();

        rebuildReadModel();

        Map<String, String> rebuilt = answers(ids, round, days, knownAfter);
        assertThat(rowsWhoseDetailsDifferFromTheirState(ids)).as("rebuilt").isZero();
        assertThat(rowsNamingTheirStatesHolder(ids)).as("rebuilt closed rows naming the row that holds their state").isPositive();
        assertThat(rebuilt.keySet()).isEqualTo(live.keySet());
        live.forEach((query, answer) -> assertThat(rebuilt.get(query)).as("seed %d: %s", seed, query).isEqualTo(answer));
    }

    /**
     * The rows of these projects whose title and years (V14) are not the ones their state holds, or, for a row naming
     * the row that holds its state (V16), that row of the same project holds.
     */
    private long rowsWhoseDetailsDifferFromTheirState(List<String> ids) {
        return jdbc.queryForObject("SELECT count(*) FROM read_model.project_view v"
                                   + " LEFT JOIN read_model.project_view holder ON holder.id = v.state_of"
                                   + "  AND holder.project_id = v.project_id,"
                                   + " CAST(COALESCE(v.state, holder.state) AS json) s WHERE v.project_id = ANY (?)"
                                   + " AND (v.title IS DISTINCT FROM s ->> 'title'"
                                   + "   OR v.planned_end_year IS DISTINCT FROM CAST(s ->> 'plannedEndYear' AS integer)"
                                   + "   OR v.target_year IS DISTINCT FROM CAST(s ->> 'targetYear' AS integer)"
                                   + "   OR v.status IS DISTINCT FROM s ->> 'status' OR v.sector IS DISTINCT FROM s ->> 'sector')",
                                   Long.class, (Object) ids.toArray(String[]::new));
    }

    private long rowsNamingTheirStatesHolder(List<String> ids) {
        return jdbc.queryForObject("SELECT count(*) FROM read_model.project_view WHERE project_id = ANY (?) AND state_of IS NOT NULL",
                                   Long.class, (Object) ids.toArray(String[]::new));
    }

    private Map<String, String> answers(List<String> ids, String round, TreeSet<LocalDate> days, List<Instant> knownAfter) {
        Map<String, String> answers = new LinkedHashMap<>();
        List<LocalDate> someDays = new ArrayList<>(days);
        // Five instants spread over the history, the last after everything: each a different mix of closed rows.
        List<Instant> instants = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            instants.add(knownAfter.get(i * (knownAfter.size() - 1) / 5));
        }
        for (Instant known : instants) {
            for (LocalDate day : someDays) {
                for (String id : ids) {
                    put(answers, "project " + id + " " + day + " " + known, "/api/projects/" + id + "?asOf=" + day + "&knownAt=" + known);
                }
            }
            for (LocalDate day : List.of(someDays.get(0), someDays.get(someDays.size() / 2), someDays.get(someDays.size() - 1))) {
                put(answers, "list " + day + " " + known, "/api/projects?asOf=" + day + "&knownAt=" + known);
                put(answers, "roadmap " + day + " " + known, "/api/roadmap?asOf=" + day + "&knownAt=" + known);
            }
            for (int year = 2021; year <= 2023; year++) {
                put(answers, "year-end " + year + " " + known, "/api/reports/year-end/" + year + "?knownAt=" + known);
            }
        }
        ids.forEach(id -> put(answers, "history " + id, "/api/projects/" + id + "/history"));
        put(answers, "round", "/api/reporting-rounds/" + round);
        put(answers, "round report", "/api/reporting-rounds/" + round + "/report");
        return answers;
    }

    private void put(Map<String, String> answers, String query, String path) {
        Response response = api().get(path, managementToken());
        // a problem answer carries the request's own correlation id: only its status is the answer
        answers.put(query, response.status() == 200
                ? response.header("ETag").orElse("") + " " + response.body() : Integer.toString(response.status()));
    }
}
