package fi.tiekartta.command.append;

import fi.tiekartta.command.CommandServiceTestBase;
import fi.tiekartta.support.eventstore.CanonicalEvent;
import fi.tiekartta.support.eventstore.EventStoreTables;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Group commit with groups of known members: the appender is held in the write of one group while the commands
 * of the next one queue up behind it, so the next group holds exactly those commands. A command refused inside a
 * group fails alone, with the answer it would have had alone; the rest of the group is recorded, and each stream's
 * hash chain holds.
 */
@Import(GroupCommitTest.HeldGroups.class)
class GroupCommitTest extends CommandServiceTestBase {

    private static final String COORDINATOR = TestTokens.mint("koordinaattori", "COORDINATOR");
    private static final String CHANGE = "{\"status\":\"IN_PROGRESS\",\"progressPercent\":40,\"reason\":\"raportti\"}";
    private static final Gate GATE = new Gate();

    private final ExecutorService clients = Executors.newFixedThreadPool(8);

    @Autowired
    private GroupAppender appender;

    @AfterEach
    void stopClients() {
        GATE.open();
        clients.shutdownNow();
    }

    @Test
    void inOneGroup_commandsWhoseAppendConflicts_failWith409_andTheOthersAreRecorded() {
        String blocker = registered();
        String first = registered();
        String taken = registered();
        String third = registered();
        String raced = registered();

        CompletableFuture<Response> held = holdingTheAppender(blocker);
        CompletableFuture<Response> change = async(() -> api.post(changes(first), COORDINATOR, CHANGE));
        CompletableFuture<Response> reRegistration = async(() -> api.post("/api/projects", COORDINATOR, registration(taken)));
        CompletableFuture<Response> other = async(() -> api.post(changes(third), COORDINATOR, CHANGE));
        CompletableFuture<Response> lostRace = async(() -> api.post(changes(raced), COORDINATOR, CHANGE));
        awaitQueued(4);
        anotherInstanceAppendsTheNextEventOf(raced);   // after the command loaded the project, before its group
        GATE.open();

        assertThat(held.join().status()).isEqualTo(201);
        assertThat(change.join().status()).isEqualTo(201);
        // Only now: the held group's answer can come back before the appender has taken up the next group.
        assertThat(GATE.groupSizes).as("the four waiting commands were one group").contains(4);
        assertThat(other.join().status()).isEqualTo(201);
        Response duplicate = reRegistration.join();
        assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(409);
        assertThat(duplicate.json().path("title").asText()).isEqualTo("Project exists");
        Response concurrent = lostRace.join();
        assertThat(concurrent.status()).as(concurrent.toString()).isEqualTo(409);
        assertThat(concurrent.json().path("title").asText()).isEqualTo("Concurrent change");

        assertThat(eventCount(first)).isEqualTo(2);
        assertThat(eventCount(third)).isEqualTo(2);
        assertThat(eventCount(taken)).as("nothing of the refused registration").isEqualTo(1);
        assertThat(eventCount(raced)).as("only the other instance's event").isEqualTo(2);
        for (String project : List.of(blocker, first, third, taken)) {
            assertChainHolds(project);
        }
        assertThat(Math.abs(indexOf(first, 1) - indexOf(third, 1)))
                .as("one INSERT for the group: its rows take neighbouring index values, the refused ones none")
                .isEqualTo(1L);
    }

    /** Not only a status change: any command on an existing project can lose its stream's next position. */
    @Test
    void anOwnerAssignment_whoseNextPositionAnotherInstanceTookFirst_failsWith409ConcurrentChange() {
        String blocker = registered();
        String raced = registered();

        CompletableFuture<Response> held = holdingTheAppender(blocker);
        CompletableFuture<Response> lostRace = async(() -> api.send("PUT", "/api/projects/" + raced + "/owner", COORDINATOR,
                                                                    "{\"owner\":\"liisa.k\",\"reason\":\"vaihto\"}", Map.of()));
        awaitQueued(1);
        anotherInstanceAppendsTheNextEventOf(raced);
        GATE.open();

        assertThat(held.join().status()).isEqualTo(201);
        Response concurrent = lostRace.join();
        assertThat(concurrent.status()).as(concurrent.toString()).isEqualTo(409);
        assertThat(concurrent.contentType()).startsWith("application/problem+json");
        assertThat(concurrent.json().path("title").asText()).isEqualTo("Concurrent change");
        assertThat(eventCount(raced)).as("only the other instance's event").isEqualTo(2);
    }

    @Test
    void inOneGroup_aCommandWhoseKeyWasStoredMeanwhile_getsTheFirstAnswer_andTheOthersAreRecorded() {
        String project = registered();
        String blocker = registered();
        String neighbour = registered();
        String firstKey = UUID.randomUUID().toString();
        Response firstAnswer = api.post(changes(project), COORDINATOR, CHANGE, key(firstKey));
        assertThat(firstAnswer.status()).isEqualTo(201);

        String repeatedKey = UUID.randomUUID().toString();
        CompletableFuture<Response> held = holdingTheAppender(blocker);
        CompletableFuture<Response> repeat = async(() -> api.post(changes(project), COORDINATOR, CHANGE, key(repeatedKey)));
        CompletableFuture<Response> change = async(() -> api.post(changes(neighbour), COORDINATOR, CHANGE));
        awaitQueued(2);
        // The first request with this key is recorded elsewhere (another instance) after the repeat looked for it.
        jdbc.update("INSERT INTO event_store.idempotency_key (actor, idempotency_key, fingerprint, response_status, "
                    + "response_body, location, etag) SELECT actor, ?, fingerprint, response_status, response_body, "
                    + "location, etag FROM event_store.idempotency_key WHERE idempotency_key = ?",
                    repeatedKey, firstKey);
        GATE.open();

        assertThat(held.join().status()).isEqualTo(201);
        Response replayed = repeat.join();
        assertThat(GATE.groupSizes).as("the two waiting commands were one group").contains(2);
        assertThat(replayed.status()).as(replayed.toString()).isEqualTo(201);
        assertThat(replayed.header("Idempotent-Replayed")).contains("true");
        assertThat(replayed.json()).isEqualTo(firstAnswer.json());
        assertThat(eventCount(project)).as("the repeat recorded nothing").isEqualTo(2);
        assertThat(change.join().status()).isEqualTo(201);
        assertThat(eventCount(neighbour)).isEqualTo(2);
        assertChainHolds(neighbour);
    }

    /**
     * Gap safety on the group path: a group takes the append lock inside its statement, so while another writer
     * holds the lock with an insert not yet committed, the group waits, and its events get higher index values.
     */
    @Test
    void aGroupWaitsForAnotherWriterHoldingTheAppendLock_andItsEventsComeAfter() throws Exception {
        String held = registered();
        String waiting = registered();
        try (Connection other = DATABASE.connect()) {
            other.setAutoCommit(false);
            try (var lock = other.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, fi.tiekartta.support.eventstore.AppendLock.KEY);
                lock.execute();
            }
            try (var insert = other.prepareStatement("INSERT INTO " + EventStoreTables.DOMAIN_EVENTS
                    + " (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type, "
                    + "payload_revision, payload, meta_data, event_hash) SELECT gen_random_uuid()::text, "
                    + "aggregate_identifier, 1, type, time_stamp, payload_type, payload_revision, payload, meta_data, "
                    + "event_hash FROM " + EventStoreTables.DOMAIN_EVENTS + " WHERE aggregate_identifier = ?")) {
                insert.setString(1, held);
                insert.executeUpdate();
            }
            CompletableFuture<Response> change = async(() -> api.post(changes(waiting), COORDINATOR, CHANGE));
            Thread.sleep(1_500);
            assertThat(change).as("the group waits for the lock").isNotDone();
            other.commit();
            assertThat(change.get(20, TimeUnit.SECONDS).status()).isEqualTo(201);
        }
        assertThat(indexOf(waiting, 1)).isGreaterThan(indexOf(held, 1));
    }

    private CompletableFuture<Response> holdingTheAppender(String project) {
        GATE.holdNext();
        CompletableFuture<Response> held = async(() -> api.post(changes(project), COORDINATOR, CHANGE));
        GATE.awaitHeld();
        return held;
    }

    private void awaitQueued(int commands) {
        await().atMost(Duration.ofSeconds(20)).until(() -> appender.queued() == commands);
    }

    private CompletableFuture<Response> async(java.util.function.Supplier<Response> request) {
        return CompletableFuture.supplyAsync(request, clients);
    }

    private String registered() {
        String id = uniqueProjectId();
        assertThat(api.post("/api/projects", COORDINATOR, registration(id)).status()).isEqualTo(201);
        return id;
    }

    private static String registration(String id) {
        return "{\"projectId\":\"" + id + "\",\"sector\":\"TEKNIIKKA\",\"title\":\"Ryhmä\",\"owner\":\"matti.m\"}";
    }

    private static String changes(String project) {
        return "/api/projects/" + project + "/status-changes";
    }

    private static Map<String, String> key(String value) {
        return Map.of("Idempotency-Key", value);
    }

    /** What another command-service instance does when it wins the race for a stream's next position. */
    private void anotherInstanceAppendsTheNextEventOf(String project) {
        jdbc.update("INSERT INTO " + EventStoreTables.DOMAIN_EVENTS + " (event_identifier, aggregate_identifier, "
                    + "sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data, event_hash) "
                    + "SELECT gen_random_uuid()::text, aggregate_identifier, 1, type, time_stamp, payload_type, "
                    + "payload_revision, payload, meta_data, event_hash FROM " + EventStoreTables.DOMAIN_EVENTS
                    + " WHERE aggregate_identifier = ? AND sequence_number = 0", project);
    }

    private long indexOf(String project, long sequence) {
        return jdbc.queryForObject("SELECT global_index FROM " + EventStoreTables.DOMAIN_EVENTS
                                   + " WHERE aggregate_identifier = ? AND sequence_number = ?", Long.class, project, sequence);
    }

    /** Each event's stored hash is the one its row and its predecessor's stored hash give. */
    private void assertChainHolds(String project) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT * FROM " + EventStoreTables.DOMAIN_EVENTS + " WHERE aggregate_identifier = ? ORDER BY sequence_number",
                project);
        String previous = "";
        for (Map<String, Object> row : rows) {
            CanonicalEvent event = new CanonicalEvent(previous, (String) row.get("event_identifier"), project,
                    (Long) row.get("sequence_number"), (String) row.get("type"), (String) row.get("payload_type"),
                    (String) row.get("payload_revision"), (String) row.get("time_stamp"), (String) row.get("meta_data"),
                    (String) row.get("payload"));
            assertThat(row.get("event_hash")).as(project + " #" + row.get("sequence_number")).isEqualTo(event.hash());
            previous = (String) row.get("event_hash");
        }
    }

    @TestConfiguration
    static class HeldGroups {

        @Bean
        static BeanPostProcessor heldGroupStatement() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof AppendGroupStatement real) {
                        GATE.real = real;
                        return GATE;
                    }
                    return bean;
                }
            };
        }
    }

    /** The group statement, which can be held in the write of the next group until the test opens it. */
    static final class Gate implements AppendGroupStatement {

        volatile AppendGroupStatement real;
        final List<Integer> groupSizes = new CopyOnWriteArrayList<>();
        private final Semaphore reached = new Semaphore(0);
        private volatile CountDownLatch release;

        void holdNext() {
            release = new CountDownLatch(1);
        }

        void awaitHeld() {
            try {
                assertThat(reached.tryAcquire(20, TimeUnit.SECONDS)).as("a group reached the gate").isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }

        void open() {
            CountDownLatch held = release;
            if (held != null) {
                held.countDown();
            }
        }

        @Override
        public List<Refusal> write(Connection autocommit, List<PendingAppend> group) throws SQLException {
            CountDownLatch held = release;
            if (held != null) {
                reached.release();
                try {
                    held.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                release = null;
            }
            groupSizes.add(group.size());
            return real.write(autocommit, group);
        }
    }
}
