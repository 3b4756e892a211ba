package fi.tiekartta.query.reliability;

import fi.tiekartta.events.ProjectRegisteredEvent;
import fi.tiekartta.query.axon.ProcessorLifecycle;
import fi.tiekartta.query.projects.ProjectProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import fi.tiekartta.query.QueryServiceDatabase;
import fi.tiekartta.query.RunningQueryService;
import fi.tiekartta.testsupport.TestDatabase;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docs/RELIABILITY.md, gap safety: an append whose transaction stays open longer than the readers' gap timeout,
 * while later appends want to commit, is still projected. The gap timeout is cut to one second here so that
 * "longer than the gap timeout" takes seconds, not minutes.
 */
class GapSafetyTest extends RunningQueryService {

    private static final Duration HELD_OPEN = Duration.ofSeconds(3);
    /**
     * A database of its own: this test stops and starts the processor, and another context's processors on a
     * shared database would go on projecting meanwhile.
     */
    private static final TestDatabase DATABASE = QueryServiceDatabase.withEventStore("gap");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        QueryServiceDatabase.register(registry, DATABASE);
        registry.add("tiekartta.event-store.gap-timeout", () -> "1s");
    }

    @Autowired
    private EventStore eventStore;
    @Autowired
    private PlatformTransactionManager transactions;
    @Autowired
    private EventProcessingConfiguration processing;
    /** Stops and starts the processor as the service does: a bare shutDown() racing its claims can lose a thread. */
    @Autowired
    private ProcessorLifecycle lifecycle;
    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void anAppendHeldOpenPastTheGapTimeout_isProjected_andLaterAppendsWaitForIt() throws Exception {
        String slow = newProjectId();
        String fast = newProjectId();
        lifecycle.stop(processor()); // a reader that lags behind is where a dropped gap would bite

        CompletableFuture<Void> slowAppend = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions)
                .executeWithoutResult(tx -> {
                    eventStore.publish(registration(slow));
                    sleep(HELD_OPEN);
                }));
        awaitRowLocked();
        CompletableFuture<Void> fastAppend = CompletableFuture.runAsync(() -> eventStore.publish(registration(fast)));

        Thread.sleep(HELD_OPEN.toMillis() / 2);
        assertThat(fastAppend).as("a later append waits for the open one").isNotDone();
        lifecycle.start(processor());
        slowAppend.get(30, TimeUnit.SECONDS);
        fastAppend.get(30, TimeUnit.SECONDS);

        assertThat(globalIndex(fast)).isGreaterThan(globalIndex(slow));
        awaitProjected(slow);
        awaitProjected(fast);
    }

    /**
     * The control: an insert that bypasses the append lock, held open the same way, is skipped for good by a
     * lagging reader. This is the failure the lock exists to prevent; if it stopped happening, the test above
     * would prove nothing.
     */
    @Test
    void withoutTheAppendLock_aLaggingReaderSkipsTheLateCommitForGood() throws Exception {
        String slow = newProjectId();
        String fast = newProjectId();
        lifecycle.stop(processor());
        try (Connection raw = jdbc.getDataSource().getConnection()) {
            raw.setAutoCommit(false);
            copyOfAStoredRegistrationAs(raw, slow);          // takes its global index now, commits last
            eventStore.publish(registration(fast));            // commits first, with a higher index
            Thread.sleep(2_000);                               // older than the 1 s gap timeout when read
            lifecycle.start(processor());
            awaitProjected(fast);
            raw.commit();
        }
        Thread.sleep(2_000);
        assertThat(api().get("/api/projects/" + slow + "?asOf=2030-01-01", managementToken()).status())
                .as("skipped: the reader dropped the gap before the insert committed").isEqualTo(404);
    }

    private void copyOfAStoredRegistrationAs(Connection raw, String projectId) throws Exception {
        String template = newProjectId();
        eventStore.publish(registration(template));
        try (PreparedStatement copy = raw.prepareStatement(
                "INSERT INTO event_store.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, "
                + "type, time_stamp, payload_type, payload_revision, payload, meta_data, event_hash) "
                + "SELECT gen_random_uuid()::text, ?, 0, type, time_stamp, payload_type, payload_revision, "
                + "replace(payload, ?, ?), meta_data, event_hash FROM event_store.domain_event_entry "
                + "WHERE aggregate_identifier = ?")) {
            copy.setString(1, projectId);
            copy.setString(2, template);
            copy.setString(3, projectId);
            copy.setString(4, template);
            copy.executeUpdate();
        }
    }

    private StreamingEventProcessor processor() {
        return processing.eventProcessor(ProjectProjection.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
    }

    private void awaitRowLocked() {
        await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted)", Boolean.class)));
    }

    private long globalIndex(String projectId) {
        return jdbc.queryForObject("SELECT global_index FROM event_store.domain_event_entry WHERE aggregate_identifier = ?",
                                   Long.class, projectId);
    }

    private void awaitProjected(String projectId) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() ->
                api().get("/api/projects/" + projectId + "?asOf=2030-01-01", managementToken()).status() == 200);
    }

    private static GenericDomainEventMessage<ProjectRegisteredEvent> registration(String id) {
        return new GenericDomainEventMessage<>("Project", id, 0,
                new ProjectRegisteredEvent(id, "reg", "TEKNIIKKA", "Aukko", "o", null, null, null, LocalDate.of(2024, 1, 1)),
                MetaData.from(Map.of("actor", "testi")));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
