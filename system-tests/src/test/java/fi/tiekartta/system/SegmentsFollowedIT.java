package fi.tiekartta.system;

import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docs/RELIABILITY.md, "Every segment is followed": a query-service whose first build runs in the background (the
 * read endpoints answer 503 meanwhile) follows both segments afterwards, and so does one restarted while its dead
 * predecessor's heartbeat still counts as live.
 */
class SegmentsFollowedIT {

    private final String coordinator = TestTokens.mint("koordinaattori", "COORDINATOR");

    @Test
    void afterAFirstBuildInTheBackground_andAfterARestart_eventsOfBothSegmentsAreApplied() throws Exception {
        try (RunningSystem system = RunningSystem.start("segments_followed")) {
            register(system, "SF-A-");
            awaitEveryEventApplied(system);

            // A deployment without a read model, over a store too big to build before answering ready.
            system.queryService.kill();
            execute(system, "DROP SCHEMA read_model CASCADE");
            system.queryService = ServiceProcess.start(
                    RunningSystem.QUERY_SERVICE, "tiekartta.queryServiceJar", system.database.jdbcUrl(),
                    system.database.username(), system.database.password(), TestTokens.SECRET,
                    Map.of("TIEKARTTA_REBUILD_BUILD_BEFORE_READY_UP_TO_EVENTS", "0")).awaitHealthy(Duration.ofMinutes(3));
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                   .until(() -> count(system, "SELECT count(*) FROM read_model.rebuild_state WHERE built_at IS NOT NULL") == 1);
            register(system, "SF-B-");
            awaitEveryEventApplied(system);

            // Restarted at once: the dead instance's heartbeat is still fresh, so the new one counts two instances.
            system.queryService.kill();
            system.queryService = system.startQueryService();
            register(system, "SF-C-");
            awaitEveryEventApplied(system);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> count(system,
                    "SELECT count(*) FROM read_model.token_entry WHERE processor_name = 'project-views' AND owner IS NOT NULL") == 2);
        }
    }

    /** Registers projects until both segments (the id's hash, masked by the segment count) have some. */
    private void register(RunningSystem system, String prefix) {
        boolean[] segmentSeen = new boolean[2];
        for (int i = 0; i < 8 || !segmentSeen[0] || !segmentSeen[1]; i++) {
            String id = prefix + i;
            segmentSeen[id.hashCode() & 1] = true;
            String body = "{\"projectId\":\"" + id + "\",\"sector\":\"TEKNIIKKA\",\"title\":\"Segmentit\",\"owner\":\"o\"}";
            assertThat(system.commands().post("/api/projects", coordinator, body).status()).as(id).isEqualTo(201);
        }
    }

    private static void awaitEveryEventApplied(RunningSystem system) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() ->
                count(system, "SELECT count(*) FROM read_model.project_change")
                == count(system, "SELECT count(*) FROM event_store.domain_event_entry WHERE type = 'Project'"));
    }

    private static long count(RunningSystem system, String sql) throws SQLException {
        try (Connection connection = system.database.connect(); ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void execute(RunningSystem system, String sql) throws SQLException {
        try (Connection connection = system.database.connect()) {
            connection.createStatement().execute(sql);
        }
    }
}
