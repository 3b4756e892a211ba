package fi.tiekartta.system;

import fi.tiekartta.testsupport.HttpApi;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Measures how long a recorded status change takes to show in the query-service: from the moment the
 * command-service answered 201 to the first GET that shows the new version. Not a test (no target is asserted
 * here); run by {@code bench/projection-lag.sh}, which prints the figures.
 */
@Tag("benchmark")
class ProjectionLagBenchmarkIT {

    private static final int WARM_UP = 50;
    private static final int MEASURED = Integer.getInteger("bench.changes", 300);

    @Test
    void measureProjectionLag() throws IOException {
        String coordinator = TestTokens.mint("koordinaattori", "COORDINATOR");
        String reader = TestTokens.mint("johtaja", "MANAGEMENT");
        try (RunningSystem system = RunningSystem.start("bench_lag")) {
            HttpApi commands = system.commands();
            HttpApi queries = system.queries();
            commands.post("/api/projects", coordinator,
                          "{\"projectId\":\"TE-10\",\"sector\":\"TEKNIIKKA\",\"title\":\"Vesimittarit\",\"owner\":\"matti.m\"}");
            List<Long> lagsMicros = new ArrayList<>();
            for (int i = 1; i <= WARM_UP + MEASURED; i++) {
                String body = "{\"status\":\"IN_PROGRESS\",\"progressPercent\":" + (i % 101) + "}";
                Response accepted = commands.post("/api/projects/TE-10/status-changes", coordinator, body);
                long answeredAt = System.nanoTime();
                long version = accepted.json().get("version").asLong();
                while (queries.get("/api/projects/TE-10", reader).json().get("version").asLong() < version) {
                    Thread.onSpinWait();
                }
                if (i > WARM_UP) {
                    lagsMicros.add((System.nanoTime() - answeredAt) / 1_000);
                }
            }
            Collections.sort(lagsMicros);
            String report = "projection lag over %d sequential status changes (ms): p50 %.1f, p95 %.1f, p99 %.1f, max %.1f%n"
                    .formatted(lagsMicros.size(), percentile(lagsMicros, 50), percentile(lagsMicros, 95),
                               percentile(lagsMicros, 99), lagsMicros.get(lagsMicros.size() - 1) / 1000.0);
            System.out.print(report);
            Files.writeString(Path.of("target", "projection-lag.txt"), report);
        }
    }

    private static double percentile(List<Long> sortedMicros, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sortedMicros.size()) - 1;
        return sortedMicros.get(Math.max(0, index)) / 1000.0;
    }
}
