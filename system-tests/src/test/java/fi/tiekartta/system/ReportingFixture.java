package fi.tiekartta.system;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tiekartta.testsupport.HttpApi.Response;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the reporting views' browser tests start from, made through the API as the coordination group would: the
 * Heinola roadmap imported as of 31.12.2023 (it names no owners), owners assigned to a few projects, and rounds.
 */
final class ReportingFixture {

    static final String YEAR_END = "2023-12-31";
    private static final Path HEINOLA_CSV = Path.of("..", "data", "heinola-digitiekartta.csv");

    private final RunningSystem system;
    private final String coordinator;

    /** @param coordinator a COORDINATOR's token (the services' own, or the test's identity provider's) */
    ReportingFixture(RunningSystem system, String coordinator) {
        this.system = system;
        this.coordinator = coordinator;
    }

    ReportingFixture importHeinola() {
        String csv;
        try {
            csv = Files.readString(HEINOLA_CSV, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Response imported = system.commands().post("/api/imports?effectiveDate=" + YEAR_END, coordinator, csv,
                                                   Map.of("Content-Type", "text/csv; charset=utf-8"));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Response list = system.queries().get("/api/projects?asOf=" + YEAR_END, coordinator);
            return list.status() == 200 && list.json().path("projects").size() == 57
                   && StreamSupport.stream(list.json().path("projects").spliterator(), false)
                                   .mapToLong(p -> p.path("version").asLong()).sum() == 59;
        });
        return this;
    }

    /** Makes owner the project's owner from the roadmap's first day, and waits until the read side knows it. */
    ReportingFixture assignOwner(String projectId, String owner) {
        Response assigned = system.commands().send("PUT", "/api/projects/" + projectId + "/owner", coordinator,
                "{\"owner\":\"" + owner + "\",\"effectiveDate\":\"" + YEAR_END + "\",\"reason\":\"vastuuhenkilö nimetty\"}",
                Map.of());
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(201);
        awaitProject(projectId, p -> owner.equals(p.path("owner").asText()));
        return this;
    }

    /** Opens a round through the API; its id, once the read side shows it. */
    String openRound(String title, String asOf, String dueDate) {
        Response opened = system.commands().post("/api/reporting-rounds", coordinator,
                "{\"title\":\"" + title + "\",\"asOf\":\"" + asOf + "\",\"dueDate\":\"" + dueDate + "\"}");
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String roundId = opened.json().path("roundId").asText();
        awaitRound(roundId, round -> true);
        return roundId;
    }

    /** Reports a status change through the API, as the given token's subject. */
    Response report(String token, String projectId, String body) {
        Response changed = system.commands().post("/api/projects/" + projectId + "/status-changes", token, body);
        assertThat(changed.status()).as(changed.toString()).isEqualTo(201);
        return changed;
    }

    JsonNode awaitRound(String roundId, Predicate<JsonNode> condition) {
        JsonNode[] seen = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Response round = system.queries().get("/api/reporting-rounds/" + roundId, coordinator);
            seen[0] = round.status() == 200 ? round.json() : null;
            return seen[0] != null && condition.test(seen[0]);
        });
        return seen[0];
    }

    JsonNode awaitProject(String projectId, Predicate<JsonNode> condition) {
        JsonNode[] seen = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Response project = system.queries().get("/api/projects/" + projectId, coordinator);
            seen[0] = project.status() == 200 ? project.json() : null;
            return seen[0] != null && condition.test(seen[0]);
        });
        return seen[0];
    }

    /** Whether the round still lists the project as missing. */
    static boolean missing(JsonNode round, String projectId) {
        return StreamSupport.stream(round.path("projects").spliterator(), false)
                            .anyMatch(p -> projectId.equals(p.path("projectId").asText()) && !p.path("reported").asBoolean());
    }
}
