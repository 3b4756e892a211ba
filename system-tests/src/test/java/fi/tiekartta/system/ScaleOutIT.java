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
 * the other is killed; two command-service instances writing the same project lose no update.
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
