package fi.tiekartta.system;

import fi.tiekartta.testsupport.HttpApi;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.Race;
import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docs/RELIABILITY.md, faults 3 and 4: two query-service instances share the work and one takes over when
 * the other is killed; two command-service instances writing the same project lose no update, and under a
 * concurrent load of many projects through both, group commit stores every accepted change once, in index order.
 * A query-service joining during a rebuild serves at once.
 */
class ScaleOutIT {

    private final String coordinator = TestTokens.mint("koordinaattori", "COORDINATOR");
    private final String reader = TestTokens.mint("johtaja", "MANAGEMENT");

    @Test
    void twoQueryServices_shareTheSegments_andTheSurvivorTakesOverWhenOneIsKilled() throws Exception {
        try (RunningSystem system = RunningSystem.start("scale_query")) {
            ServiceProcess second = system.startQueryService();
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                       .until(() -> owners(system).size() == 2);

                second.kill();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                       .until(() -> owners(system).size() == 1 && segmentsClaimed(system) == 2);

                for (int i = 0; i < 20; i++) {
                    String id = "SO-" + i; // ids hash into both segments
                    assertThat(system.commands().post("/api/projects", coordinator, registration(id)).status()).isEqualTo(201);
                }
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        system.queries().get("/api/projects?sector=TEKNIIKKA", reader).json().get("projects").size() == 20);
            } finally {
                second.close();
            }
        }
    }

    /**
     * A query-service joining while another instance rebuilds serves at once from the shared read model, and leaves
     * the rebuild to the instance that holds it. The rebuilding instance is this test's own connection, doing what a
     * rebuilding instance does to the database (the rebuild's advisory lock, the state row), so the rebuild lasts
     * exactly as long as the test needs.
     */
    @Test
    void aQueryServiceJoiningDuringARebuild_servesAtOnce_fromTheReadModelInUse() throws Exception {
        try (RunningSystem system = RunningSystem.start("scale_rebuild")) {
            assertThat(system.commands().post("/api/projects", coordinator, registration("SR-1")).status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(30)).until(() -> system.queries().get("/api/projects/SR-1", reader).status() == 200);
            try (Connection rebuilding = system.database.connect()) {
                try (ResultSet claimed = rebuilding.createStatement().executeQuery("SELECT pg_try_advisory_lock(" + 0x74696b + ", 1)")) {
                    claimed.next();
                    assertThat(claimed.getBoolean(1)).isTrue();
                }
                rebuilding.createStatement().executeUpdate(
                        "UPDATE read_model.rebuild_state SET started_at = now(), running_on = 'another instance'");
                try (ServiceProcess second = system.startQueryService()) {
                    HttpApi joined = new HttpApi(second.baseUrl(), ApiDescription.of(RunningSystem.QUERY_SERVICE, second));
                    Response answer = joined.get("/api/projects/SR-1", reader);
                    assertThat(answer.status()).isEqualTo(200);
                    assertThat(answer.header("Tiekartta-Rebuild")).contains("running");
                    String admin = TestTokens.mint("yllapito", "ADMIN");
                    assertThat(joined.get("/api/admin/replay", admin).json().get("state").asText()).isEqualTo("REBUILDING");
                    assertThat(joined.post("/api/admin/replay", admin, "").status()).as("one rebuild at a time").isEqualTo(409);
                } finally {
                    rebuilding.createStatement().executeUpdate("UPDATE read_model.rebuild_state SET running_on = NULL");
                }
            }
            assertThat(system.queries().get("/api/projects/SR-1", reader).header("Tiekartta-Rebuild")).isEmpty();
        }
    }

    @Test
    void twoCommandServices_writingOneProject_loseNoUpdate_andAnswerConflictsAsDocumented() throws Exception {
        try (RunningSystem system = RunningSystem.start("scale_command");
             ServiceProcess secondCommands = ServiceProcess.start("command-service", "tiekartta.commandServiceJar",
                     system.database.jdbcUrl(), system.database.username(), system.database.password(), TestTokens.SECRET)
                                                           .awaitHealthy(Duration.ofMinutes(3))) {
            List<HttpApi> instances = List.of(system.commands(), new HttpApi(secondCommands.baseUrl(),
                    ApiDescription.of(RunningSystem.COMMAND_SERVICE, secondCommands)));
            assertThat(instances.get(0).post("/api/projects", coordinator, registration("SO-X")).status()).isEqualTo(201);

            // Without If-Match every change is a fact of its own: each is either recorded or refused as a conflict.
            List<Response> plain = Race.of(16, i -> instances.get(i % 2).post("/api/projects/SO-X/status-changes", coordinator,
                    "{\"status\":\"IN_PROGRESS\",\"progressPercent\":" + i + "}"));
            assertThat(plain).extracting(Response::status).isSubsetOf(201, 409);
            long recorded = plain.stream().filter(r -> r.status() == 201).count();
            assertThat(storedChanges(system, "SO-X")).as("every 201 is stored, nothing else").isEqualTo(recorded);
            Set<Long> versions = new HashSet<>();
            plain.stream().filter(r -> r.status() == 201).forEach(r -> versions.add(r.json().get("version").asLong()));
            assertThat(versions).as("no two accepted changes got the same version").hasSize((int) recorded);

            // With If-Match on the same version, exactly one writer wins, whichever instance it reaches.
            String version = "\"" + recorded + "\"";
            List<Response> conditional = Race.of(8, i -> instances.get(i % 2).post("/api/projects/SO-X/status-changes",
                    coordinator, "{\"status\":\"DONE\"}", Map.of("If-Match", version)));
            assertThat(conditional).filteredOn(r -> r.status() == 201).hasSize(1);
            assertThat(conditional).extracting(Response::status).isSubsetOf(201, 409, 412);
        }
    }

    /**
     * Group commit across instances: two command-services write many projects at once (each groups what waits in
     * it, the two groups take turns at the append lock). Every 201 is stored exactly once, a repeat with the same
     * Idempotency-Key through the other instance gets the first answer, every stream's hash chain verifies, and a
     * reader polling the store during the load never sees an event appear below one it has already seen (commit
     * order is global-index order).
     */
    @Test
    void twoCommandServices_underConcurrentLoad_storeEvery201Once_keepTheChains_andCommitInIndexOrder() throws Exception {
        try (RunningSystem system = RunningSystem.start("scale_load");
             ServiceProcess secondCommands = ServiceProcess.start("command-service", "tiekartta.commandServiceJar",
                     system.database.jdbcUrl(), system.database.username(), system.database.password(), TestTokens.SECRET)
                                                           .awaitHealthy(Duration.ofMinutes(3))) {
            List<HttpApi> instances = List.of(system.commands(), new HttpApi(secondCommands.baseUrl(),
                    ApiDescription.of(RunningSystem.COMMAND_SERVICE, secondCommands)));
            int projects = 12;
            for (int p = 0; p < projects; p++) {
                assertThat(instances.get(p % 2).post("/api/projects", coordinator, registration("SL-" + p)).status())
                        .isEqualTo(201);
            }
            IndexOrderWatcher watcher = new IndexOrderWatcher(system);
            Thread watching = new Thread(watcher, "index-order-watcher");
            watching.start();
            List<List<Response>> answers;
            try {
                answers = Race.of(8, writer -> {
                    List<Response> mine = new java.util.ArrayList<>();
                    for (int i = 0; i < 30; i++) {
                        String path = "/api/projects/SL-" + ((writer * 31 + i * 7) % projects) + "/status-changes";
                        String body = "{\"status\":\"IN_PROGRESS\",\"progressPercent\":" + i + "}";
                        Map<String, String> key = Map.of("Idempotency-Key", "SL-" + writer + "-" + i);
                        Response first = instances.get((writer + i) % 2).post(path, coordinator, body, key);
                        mine.add(first);
                        if (i % 5 == 0 && first.status() == 201) {
                            Response repeat = instances.get((writer + i + 1) % 2).post(path, coordinator, body, key);
                            assertThat(repeat.status()).isEqualTo(201);
                            assertThat(repeat.json()).as("the repeat through the other instance").isEqualTo(first.json());
                        }
                    }
                    return mine;
                });
            } finally {
                watcher.stop();
                watching.join();
            }

            List<Response> all = answers.stream().flatMap(List::stream).toList();
            assertThat(all).extracting(Response::status).isSubsetOf(201, 409);
            List<String> accepted = all.stream().filter(r -> r.status() == 201)
                                       .map(r -> r.json().get("changeId").asText()).toList();
            assertThat(accepted).as("most changes are recorded").hasSizeGreaterThan(all.size() / 2);
            Map<String, Long> stored = storedChangeIds(system, "SL-%");
            assertThat(stored).as("every 201 stored exactly once, and nothing else")
                              .hasSize(accepted.size())
                              .allSatisfy((changeId, copies) -> assertThat(copies).isEqualTo(1L));
            assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(accepted);
            Response verified = system.queries().get("/api/audit/verify", TestTokens.mint("tarkastaja", "AUDITOR"));
            assertThat(verified.json().get("valid").asBoolean()).as(verified.toString()).isTrue();
            assertThat(watcher.polls).as("the watcher saw the load").isGreaterThan(1);
            assertThat(watcher.lateCommits).as("events that became visible below an index already seen").isEmpty();
        }
    }

    /** Polls every global index in the store; an index that appears below the highest one seen before is a gap filled late. */
    private static final class IndexOrderWatcher implements Runnable {

        private final RunningSystem system;
        private volatile boolean running = true;
        final List<Long> lateCommits = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile int polls;

        IndexOrderWatcher(RunningSystem system) {
            this.system = system;
        }

        void stop() {
            running = false;
        }

        @Override
        public void run() {
            Set<Long> seen = new HashSet<>();
            long highest = -1;
            try (Connection connection = system.database.connect()) {
                while (running) {
                    long highestNow = highest;
                    try (ResultSet rows = connection.createStatement().executeQuery(
                            "SELECT global_index FROM event_store.domain_event_entry ORDER BY global_index")) {
                        while (rows.next()) {
                            long index = rows.getLong(1);
                            if (seen.add(index) && index < highest) {
                                lateCommits.add(index);
                            }
                            highestNow = Math.max(highestNow, index);
                        }
                    }
                    highest = highestNow;
                    polls++;
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static Map<String, Long> storedChangeIds(RunningSystem system, String projects) throws SQLException {
        Map<String, Long> copies = new java.util.HashMap<>();
        try (Connection connection = system.database.connect();
             java.sql.PreparedStatement query = connection.prepareStatement(
                     "SELECT payload::jsonb ->> 'changeId', count(*) FROM event_store.domain_event_entry "
                     + "WHERE aggregate_identifier LIKE ? AND sequence_number > 0 GROUP BY 1")) {
            query.setString(1, projects);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    copies.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return copies;
    }

    private static long storedChanges(RunningSystem system, String id) throws SQLException {
        try (Connection connection = system.database.connect();
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT count(*) FROM event_store.domain_event_entry WHERE aggregate_identifier = '" + id
                     + "' AND sequence_number > 0")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Set<String> owners(RunningSystem system) throws SQLException {
        Set<String> owners = new HashSet<>();
        try (Connection connection = system.database.connect();
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT owner FROM read_model.token_entry WHERE processor_name = 'project-views' AND owner IS NOT NULL")) {
            while (rows.next()) {
                owners.add(rows.getString(1));
            }
        }
        return owners;
    }

    private static int segmentsClaimed(RunningSystem system) throws SQLException {
        try (Connection connection = system.database.connect();
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT count(*) FROM read_model.token_entry WHERE processor_name = 'project-views' AND owner IS NOT NULL")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static String registration(String id) {
        return "{\"projectId\":\"" + id + "\",\"sector\":\"TEKNIIKKA\",\"title\":\"Skaalaus\",\"owner\":\"o\"}";
    }
}
