package fi.tiekartta.query;

import fi.tiekartta.events.ProjectRegisteredEvent;
import fi.tiekartta.testsupport.HttpApi;
import fi.tiekartta.testsupport.TestTokens;
import fi.tiekartta.vocabulary.AuditMetadata;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A query-service started by Spring's test support on a random port: its HTTP API and the event store it reads, as the
 * command-service would append to it. Each context started this way runs the projection, so each needs a database of
 * its own: two contexts on one database share its processors' segments (each instance takes its fair share), so
 * neither follows every event itself, and a test of the processors sees the other's claims. {@link
 * QueryServiceTestBase} is the one context most tests share.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class RunningQueryService {

    private static final AtomicInteger PROJECT_NUMBER = new AtomicInteger();

    @LocalServerPort
    private int port;

    @Autowired
    private EventStore eventStore;

    /**
     * One client for the test (each JDK client has a selector thread of its own until it is collected: a client per
     * request left thousands of them behind the polling awaits, and the machine busy switching between them).
     */
    protected HttpApi api() {
        if (api == null) {
            api = new HttpApi("http://127.0.0.1:" + port);
        }
        return api;
    }

    private HttpApi api;

    protected static String managementToken() {
        return TestTokens.mint("johtaja", "MANAGEMENT");
    }

    /** A project id no other test of this JVM uses. */
    protected static String newProjectId() {
        return "QT-" + PROJECT_NUMBER.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 4);
    }

    /** Events are recorded in milliseconds: step apart so that an instant falls cleanly between two of them. */
    protected static Instant pauseBetweenEvents() {
        try {
            Thread.sleep(3);
            Instant between = Instant.now();
            Thread.sleep(3);
            return between;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between two events", e);
        }
    }

    /**
     * Appends each project's events in their order, the projects interleaved at random, then waits until the
     * projection has applied them all. Notes an instant between two events now and then, and one after the last.
     *
     * @param knownAfter where the instants are noted, in order
     * @param beforeEach called with the number of events appended so far, before each (to append events of other
     *                   streams in between)
     */
    protected void appendInterleaved(List<String> projectIds, List<List<Object>> events, Random random,
                                     List<Instant> knownAfter, IntConsumer beforeEach) {
        long[] next = new long[projectIds.size()];
        int left = events.stream().mapToInt(List::size).sum();
        for (int appended = 0; left > 0; appended++, left--) {
            beforeEach.accept(appended);
            int p;
            do {
                p = random.nextInt(projectIds.size());
            } while (next[p] >= events.get(p).size());
            append(projectIds.get(p), next[p], events.get(p).get((int) next[p]), "omistaja" + p % 3, "testi");
            next[p]++;
            if (random.nextInt(3) == 0) {
                knownAfter.add(pauseBetweenEvents());
            }
        }
        knownAfter.add(pauseBetweenEvents());
        for (int p = 0; p < projectIds.size(); p++) {
            awaitProjectedVersion(projectIds.get(p), events.get(p).size() - 1);
        }
    }

    /** Waits until the projection has applied the project's events up to {@code version}; its view as of 2030. */
    protected HttpApi.Response awaitProjectedVersion(String projectId, long version) {
        HttpApi.Response[] last = new HttpApi.Response[1];
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            last[0] = api().get("/api/projects/" + projectId + "?asOf=2030-01-01", managementToken());
            return last[0].status() == 200 && last[0].json().get("version").asLong() == version;
        });
        return last[0];
    }

    /** Appends an event as the command-service does: to the project's stream, with audit metadata. */
    protected void append(String projectId, long sequence, Object payload, String actor, String reason) {
        appendTo("Project", projectId, sequence, payload, actor, reason);
    }

    /**
     * Appends an event to the project's stream stamped with {@code recordedAt}, as a command-service whose clock says
     * that instant would.
     */
    protected void appendRecordedAt(String projectId, long sequence, Object payload, Instant recordedAt) {
        eventStore.publish(new GenericDomainEventMessage<>("Project", projectId, sequence, payload,
                                                           MetaData.from(Map.of(AuditMetadata.ACTOR, "testaaja",
                                                                                AuditMetadata.CORRELATION_ID, "t-" + sequence)),
                                                           UUID.randomUUID().toString(), recordedAt));
    }

    /**
     * Registers project {@code id} on {@code day}, stamped a minute ago to the millisecond, and returns that stamp:
     * room for changes stamped after it, none of them in the future.
     */
    protected Instant registerStampedAMinuteAgo(String id, LocalDate day) {
        Instant registered = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        appendRecordedAt(id, 0, new ProjectRegisteredEvent(id, "reg", "TEKNIIKKA", "Hanke", "omistaja", 2022, 2024, null, day),
                         registered);
        return registered;
    }

    /** Rebuilds the read model ({@code POST /api/admin/replay}) and waits until the rebuild says it is done. */
    protected void rebuildReadModel() {
        String admin = TestTokens.mint("yllapito", "ADMIN");
        assertThat(api().post("/api/admin/replay", admin, "").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> api().get("/api/admin/replay", admin).json()
                                                                 .get("state").asText().equals("IDLE"));
    }

    /** Appends an event to the stream of another aggregate type (a reporting round: "ReportingRound"). */
    protected void appendTo(String aggregateType, String id, long sequence, Object payload, String actor, String reason) {
        Map<String, Object> audit = reason == null
                ? Map.of(AuditMetadata.ACTOR, actor, AuditMetadata.CORRELATION_ID, "test-" + sequence)
                : Map.of(AuditMetadata.ACTOR, actor, AuditMetadata.CORRELATION_ID, "test-" + sequence,
                         AuditMetadata.REASON, reason);
        eventStore.publish(new GenericDomainEventMessage<>(aggregateType, id, sequence, payload, MetaData.from(audit)));
    }
}
