package fi.tiekartta.query.roadmap;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tiekartta.events.ProjectDetailsRevisedEvent;
import fi.tiekartta.events.ProjectRegisteredEvent;
import fi.tiekartta.events.ProjectStatusChangedEvent;
import fi.tiekartta.events.StatusChangeCorrectedEvent;
import fi.tiekartta.events.StatusChangeRetractedEvent;
import fi.tiekartta.query.QueryServiceTestBase;
import fi.tiekartta.vocabulary.ProjectStatus;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;

/**
 * Scenarios for the roadmap and the year-end report: projects registered and changed through the event store,
 * instants captured between steps as {@code knownAt}, answers read over HTTP (as bytes where bytes matter).
 * The database is shared with every other test class of the JVM, so scenarios use their own projects and
 * effective dates in years no other test uses, and compare counts with a baseline taken before they start.
 */
public abstract class RoadmapTestBase extends QueryServiceTestBase {

    private static final AtomicInteger CHANGE_NUMBER = new AtomicInteger();

    private final Map<String, Long> lastSequence = new ConcurrentHashMap<>();

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    protected String register(String sector, LocalDate on, Integer plannedEndYear) {
        return register(sector, on, plannedEndYear, null);
    }

    /** @param title null for a plain one */
    protected String register(String sector, LocalDate on, Integer plannedEndYear, String title) {
        String id = newProjectId();
        append(id, 0, new ProjectRegisteredEvent(id, "reg-" + id, sector,
                                                 title != null ? title : "Hanke " + id + ": sähköinen asiointi",
                                                 "matti.m", plannedEndYear == null ? null : plannedEndYear - 1,
                                                 plannedEndYear, null, on),
               "koordinaattori", null);
        lastSequence.put(id, 0L);
        return id;
    }

    /** @return the change id, for corrections and retractions */
    protected String change(String id, ProjectStatus status, LocalDate effective) {
        return change(id, status, effective, null);
    }

    protected String postpone(String id, LocalDate effective, int targetYear) {
        return change(id, ProjectStatus.POSTPONED, effective, targetYear);
    }

    private String change(String id, ProjectStatus status, LocalDate effective, Integer targetYear) {
        String changeId = "c" + CHANGE_NUMBER.incrementAndGet();
        append(id, next(id), new ProjectStatusChangedEvent(id, changeId, status, ProjectStatus.NOT_STARTED, effective,
                                                           null, targetYear, null, null, null),
               "matti.m", null);
        return changeId;
    }

    protected void correct(String id, String changeId, ProjectStatus status, LocalDate effective, Integer targetYear) {
        append(id, next(id), new StatusChangeCorrectedEvent(id, "f" + CHANGE_NUMBER.incrementAndGet(), changeId, status,
                                                            effective, null, targetYear, null, null, null),
               "koordinaattori", "korjaus");
    }

    protected void retract(String id, String changeId) {
        append(id, next(id), new StatusChangeRetractedEvent(id, "r" + CHANGE_NUMBER.incrementAndGet(), changeId),
               "koordinaattori", "ei olisi pitänyt kirjata");
    }

    protected void revisePlannedEnd(String id, LocalDate effective, int plannedEndYear) {
        append(id, next(id), new ProjectDetailsRevisedEvent(id, "d" + CHANGE_NUMBER.incrementAndGet(), "Hanke " + id,
                                                            null, plannedEndYear - 1, plannedEndYear, effective),
               "koordinaattori", "aikataulu tarkentui");
    }

    /**
     * Waits until the views show every event appended so far to these projects, then returns an instant after
     * all of them and before anything appended next (events are recorded in milliseconds).
     */
    protected Instant knownNow(String... ids) {
        for (String id : ids) {
            long version = lastSequence.get(id);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
                var response = api().get("/api/projects/" + id + "?asOf=2099-01-01", managementToken());
                return response.status() == 200 && response.json().get("version").asLong() == version;
            });
        }
        Instant known = Instant.now();
        pause();
        return known;
    }

    protected JsonNode roadmap(String query) {
        var response = api().get("/api/roadmap?" + query, managementToken());
        if (response.status() != 200) {
            throw new AssertionError("roadmap answered " + response);
        }
        return response.json();
    }

    protected static JsonNode sector(JsonNode answer, String code) {
        return StreamSupport.stream(answer.get("sectors").spliterator(), false)
                            .filter(s -> s.get("sector").asText().equals(code)).findFirst()
                            .orElseThrow(() -> new AssertionError("no sector " + code + " in " + answer));
    }

    /** A count from a countsByStatus object; 0 where the status is left out. */
    protected static int count(JsonNode countsByStatus, ProjectStatus status) {
        JsonNode count = countsByStatus.get(status.name());
        return count == null ? 0 : count.asInt();
    }

    /** GET with the management token, the body kept as bytes. */
    protected HttpResponse<byte[]> getBytes(String path, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                                 .timeout(Duration.ofSeconds(30))
                                                 .header("Authorization", "Bearer " + managementToken()).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long next(String id) {
        return lastSequence.merge(id, 1L, Long::sum);
    }

    protected static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
