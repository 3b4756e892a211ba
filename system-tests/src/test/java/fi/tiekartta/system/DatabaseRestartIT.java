package fi.tiekartta.system;

import fi.tiekartta.testsupport.HttpApi;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docs/RELIABILITY.md, fault 2: PostgreSQL restarts in the middle of a load. While it is down the
 * command-service answers 503 with Retry-After within its connection timeout (never 500, never hanging),
 * recovers by itself, and every change that got a 2xx is in the store and in the views.
 */
class DatabaseRestartIT {

    private static final Duration DOWN_FOR = Duration.ofSeconds(6);

    @Test
    void aDatabaseRestartDuringLoad_losesNoAcceptedChange_andIsAnswered503Meanwhile() throws Exception {
        try (RestartablePostgres postgres = new RestartablePostgres();
             ServiceProcess commandService = ServiceProcess.start("command-service", "tiekartta.commandServiceJar",
                     postgres.jdbcUrl(), "postgres", "", TestTokens.SECRET).awaitHealthy(Duration.ofMinutes(3));
             ServiceProcess queryService = ServiceProcess.start("query-service", "tiekartta.queryServiceJar",
                     postgres.jdbcUrl(), "postgres", "", TestTokens.SECRET).awaitHealthy(Duration.ofMinutes(3))) {
            HttpApi commands = new HttpApi(commandService.baseUrl(),
                    ApiDescription.of(RunningSystem.COMMAND_SERVICE, commandService));
            String coordinator = TestTokens.mint("koordinaattori", "COORDINATOR");
            assertThat(commands.post("/api/projects", coordinator,
                    "{\"projectId\":\"DB-01\",\"sector\":\"TEKNIIKKA\",\"title\":\"Kuorma\",\"owner\":\"o\"}").status()).isEqualTo(201);

            Load load = new Load(commands, coordinator);
            Thread writer = new Thread(load, "load");
            writer.start();
            Thread.sleep(2_000);
            postgres.stop();
            Thread.sleep(DOWN_FOR.toMillis());
            postgres.start();
            Thread.sleep(5_000);
            load.running.set(false);
            writer.join();

            assertThat(load.statuses).as("answers during the load").contains(201, 503).doesNotContain(500);
            assertThat(load.slowestMillis.get()).as("no request hangs beyond the connection timeout").isLessThan(10_000);
            assertThat(load.retryAfterOn503.get()).as("every 503 says when to retry").isTrue();
            Set<String> accepted = new HashSet<>(load.acceptedChangeIds);
            assertThat(accepted).hasSizeGreaterThan(5);

            Set<String> stored = new HashSet<>();
            try (Connection connection = postgres.connect();
                 ResultSet rows = connection.createStatement().executeQuery(
                         "SELECT payload::jsonb ->> 'changeId' FROM event_store.domain_event_entry WHERE aggregate_identifier = 'DB-01'")) {
                while (rows.next()) {
                    stored.add(rows.getString(1));
                }
            }
            assertThat(stored).as("every change answered 201 is in the event store").containsAll(accepted);

            HttpApi queries = new HttpApi(queryService.baseUrl(),
                    ApiDescription.of(RunningSystem.QUERY_SERVICE, queryService));
            String reader = TestTokens.mint("johtaja", "MANAGEMENT");
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                List<String> projected = queries.get("/api/projects/DB-01/history", reader).json().findValuesAsText("changeId");
                assertThat(projected).as("and in the views").containsAll(accepted);
            });
            record(load, accepted.size());
        }
    }

    private static void record(Load load, int accepted) throws IOException {
        long refused = load.statuses.stream().filter(s -> s == 503).count();
        Files.writeString(Path.of("target", "database-restart.txt"),
                "requests %d, accepted %d, answered 503 %d, slowest %d ms, lost 0%n"
                        .formatted(load.statuses.size(), accepted, refused, load.slowestMillis.get()));
    }

    /** Posts status changes one after another and remembers every answer. */
    private static final class Load implements Runnable {
        final AtomicBoolean running = new AtomicBoolean(true);
        final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
        final List<String> acceptedChangeIds = new ArrayList<>();
        final AtomicLong slowestMillis = new AtomicLong();
        final AtomicBoolean retryAfterOn503 = new AtomicBoolean(true);
        private final HttpApi commands;
        private final String token;

        Load(HttpApi commands, String token) {
            this.commands = commands;
            this.token = token;
        }

        @Override
        public void run() {
            int n = 0;
            while (running.get()) {
                long started = System.nanoTime();
                Response response;
                try {
                    response = commands.post("/api/projects/DB-01/status-changes", token,
                                             "{\"status\":\"IN_PROGRESS\",\"progressPercent\":" + (n++ % 101) + "}");
                } catch (RuntimeException connectionTrouble) {
                    statuses.add(-1);
                    continue;
                }
                slowestMillis.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
                statuses.add(response.status());
                if (response.status() == 201) {
                    acceptedChangeIds.add(response.json().get("changeId").asText());
                } else if (response.status() == 503 && response.header("Retry-After").isEmpty()) {
                    retryAfterOn503.set(false);
                }
                if (response.status() != 201) {
                    sleep(200);
                }
            }
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
