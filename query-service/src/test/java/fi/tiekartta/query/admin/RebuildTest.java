package fi.tiekartta.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tiekartta.events.ProjectRegisteredEvent;
import fi.tiekartta.events.ProjectStatusChangedEvent;
import fi.tiekartta.events.ReportingRoundClosedEvent;
import fi.tiekartta.events.ReportingRoundOpenedEvent;
import fi.tiekartta.events.StatusChangeCorrectedEvent;
import fi.tiekartta.query.QueryServiceTestBase;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static fi.tiekartta.vocabulary.ProjectStatus.DONE;
import static fi.tiekartta.vocabulary.ProjectStatus.IN_PROGRESS;
import static fi.tiekartta.vocabulary.ProjectStatus.NOT_STARTED;
import static fi.tiekartta.vocabulary.ProjectStatus.POSTPONED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A rebuild from the event store gives the same answers as before it, and never a half-built one. */
class RebuildTest extends QueryServiceTestBase {

    private static final String ADMIN = TestTokens.mint("yllapito", "ADMIN");
    private static final LocalDate DAY = LocalDate.of(2022, 3, 1);
    private static final String ROUND = "kierros-" + UUID.randomUUID();

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void aRebuild_givesTheSameAnswersAsBefore_andAnswers503_meanwhile() throws InterruptedException {
        List<String> ids = scenario();
        Instant knownAt = Instant.now();
        Map<String, String> before = answers(ids, knownAt);
        // A reminder sent is a fact, not a projection: a rebuild must not forget it (and so send it again).
        jdbc.update("INSERT INTO read_model.round_reminder (round_id, owner, kind, recipient, project_ids, claimed_at, sent_at) "
                    + "VALUES (?, 'matti.m', 'BEFORE_DUE', 'matti.m@heinola.example', ARRAY[?], now(), now())", ROUND, ids.get(0));
        before.put("round", api().get("/api/reporting-rounds/" + ROUND, managementToken()).body());

        Response started = api().post("/api/admin/replay", ADMIN, "");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);

        List<Integer> seenDuringRebuild = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> {
            Response answer = api().get("/api/projects?asOf=" + DAY + "&knownAt=" + knownAt, managementToken());
            seenDuringRebuild.add(answer.status());
            if (answer.status() == 503) {
                assertThat(answer.header("Retry-After")).isPresent();
                assertThat(answer.contentType()).startsWith("application/problem+json");
            } else {
                assertThat(answer.body()).as("no half-built answer").isEqualTo(before.get("list " + DAY));
            }
            JsonNode state = api().get("/api/admin/replay", ADMIN).json();
            return state.get("state").asText().equals("IDLE");
        });

        assertThat(seenDuringRebuild).isSubsetOf(200, 503);
        Map<String, String> after = answers(ids, knownAt);
        after.put("round", api().get("/api/reporting-rounds/" + ROUND, managementToken()).body());
        assertThat(after).isEqualTo(before);
        assertThat(before.get("round")).contains("\"state\":\"CLOSED\"").contains("\"kind\":\"BEFORE_DUE\"")
                                       .contains("\"projectId\":\"" + ids.get(ids.size() - 1) + "\"");
        JsonNode progress = api().get("/api/admin/replay", ADMIN).json();
        JsonNode processor = progress.get("processors").get(0);
        assertThat(processor.get("processor").asText()).isEqualTo("project-views");
        assertThat(processor.get("eventsDone").asLong()).isEqualTo(processor.get("eventsTotal").asLong());
    }

    @Test
    void onlyAdminsRebuild() {
        assertThat(api().post("/api/admin/replay", managementToken(), "").status()).isEqualTo(403);
        assertThat(api().get("/api/admin/replay", managementToken()).status()).isEqualTo(403);
    }

    /** Every answer the read models give about these projects: lists on several days, views, histories. */
    private Map<String, String> answers(List<String> ids, Instant knownAt) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (LocalDate day : List.of(DAY.minusDays(1), DAY, DAY.plusMonths(2), DAY.plusYears(1))) {
            answers.put("list " + day, api().get("/api/projects?asOf=" + day + "&knownAt=" + knownAt, managementToken()).body());
            for (String id : ids) {
                Response view = api().get("/api/projects/" + id + "?asOf=" + day + "&knownAt=" + knownAt, managementToken());
                // a 404 carries the request's own correlation id: only its status is the answer
                answers.put(id + " " + day, view.status() == 200
                        ? view.header("ETag").orElseThrow() + " " + view.body() : Integer.toString(view.status()));
            }
        }
        ids.forEach(id -> answers.put(id + " history", api().get("/api/projects/" + id + "/history", managementToken()).body()));
        return answers;
    }

    private List<String> scenario() throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = newProjectId();
            ids.add(id);
            append(id, 0, new ProjectRegisteredEvent(id, "reg", "HYVINVOINTI", "Hanke " + i, "matti.m", 2022, 2023, null, DAY),
                   "koordinaattori", null);
            append(id, 1, new ProjectStatusChangedEvent(id, "c1", IN_PROGRESS, NOT_STARTED, DAY.plusMonths(3), 20 * i,
                                                        null, null, null, null), "matti.m", "alkoi");
            append(id, 2, new ProjectStatusChangedEvent(id, "c2", DONE, IN_PROGRESS, DAY.plusDays(10), null, null, null,
                                                        "VAKA", null), "matti.m", null);
            append(id, 3, new StatusChangeCorrectedEvent(id, "f1", "c1", POSTPONED, DAY.plusMonths(1), null, 2024, null,
                                                         null, null), "koordinaattori", "korjaus");
        }
        // A round covering a project still open, which reports while the round is open.
        String inRound = newProjectId();
        ids.add(inRound);
        append(inRound, 0, new ProjectRegisteredEvent(inRound, "reg", "HYVINVOINTI", "Kierroksen hanke", "matti.m", 2022, 2023,
                                                      null, DAY), "koordinaattori", null);
        Thread.sleep(5);
        appendTo("ReportingRound", ROUND, 0, new ReportingRoundOpenedEvent(ROUND, "Kevät 2022", DAY.plusMonths(2),
                                                                           DAY.plusMonths(3)), "koordinaattori", null);
        Thread.sleep(5);
        append(inRound, 1, new ProjectStatusChangedEvent(inRound, "c1", IN_PROGRESS, NOT_STARTED, DAY.plusMonths(2), null,
                                                         null, null, null, null), "matti.m", null);
        append(inRound, 2, new ProjectStatusChangedEvent(inRound, "c2", IN_PROGRESS, IN_PROGRESS, DAY.plusMonths(2), 50,
                                                         null, null, null, null), "matti.m", null);
        append(inRound, 3, new ProjectStatusChangedEvent(inRound, "c3", IN_PROGRESS, IN_PROGRESS, DAY.plusMonths(2), 60,
                                                         null, null, null, null), "matti.m", null);
        Thread.sleep(5);
        appendTo("ReportingRound", ROUND, 1, new ReportingRoundClosedEvent(ROUND), "koordinaattori", null);
        String last = ids.get(ids.size() - 1);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                api().get("/api/projects/" + last + "/history", managementToken()).json().path("changes").size() == 4
                && api().get("/api/reporting-rounds/" + ROUND, managementToken()).json().path("state").asText().equals("CLOSED"));
        Thread.sleep(5);
        return ids;
    }
}
