package fi.tiekartta.query.round;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tiekartta.events.ProjectRegisteredEvent;
import fi.tiekartta.events.ProjectStatusChangedEvent;
import fi.tiekartta.events.ReportingRoundClosedEvent;
import fi.tiekartta.events.ReportingRoundOpenedEvent;
import fi.tiekartta.events.StatusChangeCorrectedEvent;
import fi.tiekartta.events.StatusChangeRetractedEvent;
import fi.tiekartta.query.QueryServiceTestBase;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import fi.tiekartta.vocabulary.ProjectStatus;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;

/**
 * Scenarios of reporting rounds: projects and rounds appended to the event store as the command-service appends
 * them (rounds in streams of their own, aggregate type "ReportingRound"), answers read over HTTP. The database is
 * shared with the JVM's other tests, so each scenario uses its own owners and a year no other test uses.
 */
abstract class RoundTestBase extends QueryServiceTestBase {

    static final String COORDINATOR = TestTokens.mint("koordinaattori", "COORDINATOR");

    private final Map<String, Long> lastSequence = new ConcurrentHashMap<>();

    static String newOwner() {
        return "omistaja-" + UUID.randomUUID().toString().substring(0, 8);
    }

    String register(String sector, String owner, LocalDate on) {
        String id = newProjectId();
        append(id, 0, new ProjectRegisteredEvent(id, "reg-" + id, sector, "Hanke " + id, owner, on.getYear(),
                                                 on.getYear() + 2, null, on), "koordinaattori", null);
        lastSequence.put(id, 0L);
        return id;
    }

    /** @return the change id */
    String report(String id, ProjectStatus status, LocalDate effective) {
        String changeId = "c-" + UUID.randomUUID();
        append(id, next(id), new ProjectStatusChangedEvent(id, changeId, status, ProjectStatus.NOT_STARTED, effective,
                                                           null, null, null, null, null), "matti.m", null);
        return changeId;
    }

    void correct(String id, String changeId, ProjectStatus status, LocalDate effective) {
        append(id, next(id), new StatusChangeCorrectedEvent(id, "f-" + UUID.randomUUID(), changeId, status, effective,
                                                            null, null, null, null, null), "koordinaattori", "korjaus");
    }

    void retract(String id, String changeId) {
        append(id, next(id), new StatusChangeRetractedEvent(id, "r-" + UUID.randomUUID(), changeId),
               "koordinaattori", "väärä hanke");
    }

    /** Opens a round and waits until the read models show it. */
    String openRound(String title, LocalDate asOf, LocalDate dueDate) {
        String roundId = "kierros-" + UUID.randomUUID();
        appendTo("ReportingRound", roundId, 0, new ReportingRoundOpenedEvent(roundId, title, asOf, dueDate),
                 "koordinaattori", null);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
               .until(() -> api().get("/api/reporting-rounds/" + roundId, COORDINATOR).status() == 200);
        pause();
        return roundId;
    }

    void closeRound(String roundId) {
        appendTo("ReportingRound", roundId, 1, new ReportingRoundClosedEvent(roundId), "paallikko", null);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
               .until(() -> round(roundId).get("state").asText().equals("CLOSED"));
        pause();
    }

    /** Waits until the views show every event appended so far to these projects; returns an instant after them. */
    Instant knownNow(String... ids) {
        for (String id : ids) {
            long version = lastSequence.get(id);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
                Response response = api().get("/api/projects/" + id + "?asOf=2099-01-01", managementToken());
                return response.status() == 200 && response.json().get("version").asLong() == version;
            });
        }
        Instant known = Instant.now();
        pause();
        return known;
    }

    JsonNode round(String roundId) {
        Response response = api().get("/api/reporting-rounds/" + roundId, COORDINATOR);
        if (response.status() != 200) {
            throw new AssertionError("round answered " + response);
        }
        return response.json();
    }

    static JsonNode project(JsonNode round, String projectId) {
        return StreamSupport.stream(round.get("projects").spliterator(), false)
                            .filter(p -> p.get("projectId").asText().equals(projectId)).findFirst()
                            .orElse(null);
    }

    private long next(String id) {
        return lastSequence.merge(id, 1L, Long::sum);
    }

    /** Events are recorded in milliseconds: what comes next is recorded strictly later. */
    static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
