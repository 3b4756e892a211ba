package fi.tiekartta.system;

import fi.tiekartta.testsupport.HttpApi;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docs/RELIABILITY.md, fault 1: the query-service is killed with SIGKILL in the middle of a load, and again in
 * the middle of a rebuild. After each restart the read models equal a fresh rebuild, and no event was
 * applied twice.
 */
class QueryServiceCrashIT {

    private static final int PROJECTS = 12;
    private final String coordinator = TestTokens.mint("koordinaattori", "COORDINATOR");
    private final String reader = TestTokens.mint("johtaja", "MANAGEMENT");
    private final String admin = TestTokens.mint("yllapito", "ADMIN");

    @Test
    void killedDuringLoadAndDuringARebuild_theReadModelsEndEqualToAFreshRebuild() throws Exception {
        try (RunningSystem system = RunningSystem.start("crash")) {
            StringBuilder csv = new StringBuilder("id;sector;title;status_text\n");
            for (int i = 0; i < PROJECTS; i++) {
                csv.append("CR-").append(i).append(";HYVINVOINTI;Kaatuminen;EI ALOITETTU\n");
            }
            // imported as of 2024 so that the load can backdate its changes
            assertThat(system.commands().post("/api/imports?effectiveDate=2024-01-01", coordinator, csv.toString(),
                                              Map.of("Content-Type", "text/csv")).status()).isEqualTo(201);
            Load load = new Load(system.commands(), coordinator);
            Thread writer = new Thread(load, "load");
            writer.start();
            Thread.sleep(2_000);
            system.queryService.kill();
            Thread.sleep(1_000);
            system.queryService = system.startQueryService();
            Thread.sleep(2_000);
            load.running.set(false);
            writer.join();
            awaitCaughtUp(system);
            Instant knownAt = Instant.now();
            Map<String, String> afterLoadCrash = answers(system.queries(), knownAt);

            assertThat(system.queries().post("/api/admin/replay", admin, "").status()).isEqualTo(202);
            system.queryService.kill();
            system.queryService = system.startQueryService();
            // The rebuild never touched the read model in use: the restarted service answers from it at once, and
            // takes the rebuild it died in up again (docs/RELIABILITY.md, "Rebuilding the read model").
            assertThat(system.queries().get("/api/projects", reader).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                    system.queries().get("/api/admin/replay", admin).json().get("state").asText().equals("IDLE"));
            assertThat(count(system, "SELECT count(*) FROM pg_tables WHERE schemaname IN ('read_model_build', 'read_model_retired')"))
                    .as("no build or retired tables left behind").isZero();
            awaitCaughtUp(system);
            Map<String, String> afterRebuildCrash = answers(system.queries(), knownAt);

            assertThat(system.queries().post("/api/admin/replay", admin, "").status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                    system.queries().get("/api/admin/replay", admin).json().get("state").asText().equals("IDLE"));
            Map<String, String> freshRebuild = answers(system.queries(), knownAt);

            assertThat(afterLoadCrash).as("after a SIGKILL during load").isEqualTo(freshRebuild);
            assertThat(afterRebuildCrash).as("after a SIGKILL during a rebuild").isEqualTo(freshRebuild);
            assertThat(appliedChanges(system)).as("each event applied once").isEqualTo(storedEvents(system));
            Files.writeString(Path.of("target", "query-crash.txt"),
                    "changes during the load %d (answered 201 %d), events %d, applied %d, views equal to a fresh rebuild%n"
                            .formatted(load.sent.get(), load.accepted.get(), storedEvents(system), appliedChanges(system)));
        }
    }

    private Map<String, String> answers(HttpApi queries, Instant knownAt) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String day : new String[]{"2024-01-01", "2030-01-01"}) {
            answers.put("list " + day, queries.get("/api/projects?asOf=" + day + "&knownAt=" + knownAt, reader).body());
        }
        for (int i = 0; i < PROJECTS; i++) {
            answers.put("history CR-" + i, queries.get("/api/projects/CR-" + i + "/history", reader).body());
        }
        return answers;
    }

    private static void awaitCaughtUp(RunningSystem system) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
               .until(() -> appliedChanges(system) == storedEvents(system));
    }

    private static long storedEvents(RunningSystem system) throws Exception {
        return count(system, "SELECT count(*) FROM event_store.domain_event_entry");
    }

    private static long appliedChanges(RunningSystem system) throws Exception {
        return count(system, "SELECT count(*) FROM read_model.project_change");
    }

    private static long count(RunningSystem system, String sql) throws Exception {
        try (Connection connection = system.database.connect(); ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Status changes to random projects with random, often backdated, effective dates. */
    private static final class Load implements Runnable {
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger accepted = new AtomicInteger();
        private final HttpApi commands;
        private final String token;
        private final Random random = new Random(7);

        Load(HttpApi commands, String token) {
            this.commands = commands;
            this.token = token;
        }

        @Override
        public void run() {
            String[] statuses = {"IN_PROGRESS", "WAITING", "INVESTIGATING", "DONE", "IN_USE"};
            while (running.get()) {
                String status = statuses[random.nextInt(statuses.length)];
                String body = "{\"status\":\"" + status + "\",\"reason\":\"kuormitus\",\"effectiveDate\":\""
                              + java.time.LocalDate.now().minusDays(random.nextInt(300)) + "\"}";
                Response response = commands.post("/api/projects/CR-" + random.nextInt(PROJECTS) + "/status-changes", token, body);
                sent.incrementAndGet();
                if (response.status() == 201) {
                    accepted.incrementAndGet();
                }
            }
        }
    }
}
