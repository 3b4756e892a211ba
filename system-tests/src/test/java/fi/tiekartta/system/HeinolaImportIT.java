package fi.tiekartta.system;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real Heinola roadmap (data/heinola-digitiekartta.csv) imported through the command-service as of
 * 31.12.2023, and read back from the query-service: the roadmap of that day is the document's.
 */
class HeinolaImportIT {

    private static final Path HEINOLA_CSV = Path.of("..", "data", "heinola-digitiekartta.csv");
    private static final String YEAR_END = "2023-12-31";

    /**
     * Read by hand from the document. The project statuses as the read side shows them: HV-07 has no status of
     * its own (VAKA SIIRTYY V. 2027, KOULUT VALMIS) and shows its least advanced unit, POSTPONED.
     */
    private static final Map<String, Integer> STATUSES = Map.ofEntries(
            entry("IN_PROGRESS", 25), entry("NOT_STARTED", 7), entry("DONE", 9), entry("POSTPONED", 5),
            entry("INVESTIGATING", 3), entry("PLANNED", 3), entry("NOT_NEEDED", 2), entry("IN_USE", 1),
            entry("MERGED", 1), entry("WAITING", 1));
    private static final Map<String, Map<String, Integer>> STATUSES_BY_SECTOR = Map.of(
            "KAUPUNKI", Map.of("IN_PROGRESS", 9, "NOT_STARTED", 5),
            "ELINVOIMA", Map.of("IN_PROGRESS", 4, "IN_USE", 1, "POSTPONED", 1),
            "HYVINVOINTI", Map.of("DONE", 5, "POSTPONED", 3, "IN_PROGRESS", 1, "NOT_STARTED", 1, "MERGED", 1),
            "TEKNIIKKA", Map.of("IN_PROGRESS", 3, "INVESTIGATING", 3, "PLANNED", 3, "NOT_NEEDED", 2, "DONE", 1),
            "LUPA_JA_VALVONTA", Map.of("IN_PROGRESS", 4, "DONE", 3),
            "YHTEISET_PALVELUT", Map.of("IN_PROGRESS", 4, "NOT_STARTED", 1, "WAITING", 1, "POSTPONED", 1));
    /** One change per project, but two unit changes for HV-07 and a project and a unit change for TE-03. */
    private static final int STATUS_CHANGES = 59;

    private static RunningSystem system;

    private final String coordinator = TestTokens.mint("koordinaattori", "COORDINATOR");
    private final String management = TestTokens.mint("johtaja", "MANAGEMENT");

    @BeforeAll
    static void start() {
        system = RunningSystem.start("heinola");
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void theImportedHeinolaRoadmap_isTheDocumentsRoadmapAtTheEndOf2023_andNotTheDayBefore() throws IOException {
        String csv = Files.readString(HEINOLA_CSV, StandardCharsets.UTF_8);

        Response imported = system.commands().post("/api/imports?effectiveDate=" + YEAR_END, coordinator, csv,
                                                   Map.of("Content-Type", "text/csv; charset=utf-8"));

        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        assertThat(imported.json().path("projects").asInt()).isEqualTo(57);
        assertThat(imported.json().path("statusChanges").asInt()).isEqualTo(STATUS_CHANGES);

        JsonNode projects = awaitEveryChangeProjected();
        assertThat(projects).hasSize(57);
        assertThat(countBy(projects, "status")).isEqualTo(STATUSES);
        assertThat(countBy(projects, "sector")).isEqualTo(Map.of(
                "KAUPUNKI", 14, "ELINVOIMA", 6, "HYVINVOINTI", 11, "TEKNIIKKA", 12,
                "LUPA_JA_VALVONTA", 7, "YHTEISET_PALVELUT", 7));
        Map<String, Map<String, Integer>> bySector = new HashMap<>();
        projects.forEach(p -> bySector.computeIfAbsent(p.path("sector").asText(), s -> new TreeMap<>())
                                      .merge(p.path("status").asText(), 1, Integer::sum));
        assertThat(bySector).isEqualTo(STATUSES_BY_SECTOR);
        assertThat(countBy(projects, "effectiveDate")).isEqualTo(Map.of(YEAR_END, 57));

        JsonNode hv07 = project("HV-07", YEAR_END);
        assertThat(hv07.path("status").asText()).isEqualTo("POSTPONED");
        assertThat(hv07.path("targetYear").asInt()).isEqualTo(2027);
        assertThat(units(hv07)).isEqualTo(Map.of("VAKA", "POSTPONED 2027", "KOULUT", "DONE"));

        JsonNode te03 = project("TE-03", YEAR_END);
        assertThat(te03.path("status").asText()).isEqualTo("DONE");
        assertThat(units(te03)).isEqualTo(Map.of("KOULUT", "INVESTIGATING"));

        JsonNode hv03 = project("HV-03", YEAR_END);
        assertThat(hv03.path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(hv03.path("progressPercent").asInt()).isEqualTo(70);

        JsonNode te10 = project("TE-10", YEAR_END);
        assertThat(te10.path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(te10.path("statusLabel").asText()).isEqualTo("MENEILLÄÄN");
        assertThat(te10.path("progressPercent").asInt()).isEqualTo(60);
        assertThat(te10.path("note").asText()).isEqualTo("60 % TEHTY");
        assertThat(te10.path("title").asText()).isEqualTo("Vesimittareiden vaihto etäluettaviksi");

        JsonNode te08 = project("TE-08", YEAR_END);
        assertThat(te08.path("status").asText()).isEqualTo("PLANNED");
        assertThat(te08.path("scheduledFor").asText()).isEqualTo("2024-Q1");
        assertThat(project("EV-04", YEAR_END).path("targetYear").asInt()).isEqualTo(2025);
        assertThat(project("HV-11", YEAR_END).path("note").asText()).isEqualTo("URHEILUPUISTON REMONTTIA");
        assertThat(project("KH-04", YEAR_END).path("owner").isNull()).as("unassigned").isTrue();

        JsonNode history = system.queries().get("/api/projects/TE-03/history", management).json();
        assertThat(history.path("changes")).hasSize(3);
        assertThat(history.path("changes").findValuesAsText("actor")).containsOnly("koordinaattori");

        JsonNode dayBefore = system.queries().get("/api/projects?asOf=2023-12-30", management).json();
        assertThat(dayBefore.path("projects")).isEmpty();
        assertThat(system.queries().get("/api/projects/HV-07?asOf=2023-12-30", management).status()).isEqualTo(404);
    }

    /** The projection is asynchronous: wait until every project shows every one of its status changes. */
    private JsonNode awaitEveryChangeProjected() {
        JsonNode[] projects = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Response list = system.queries().get("/api/projects?asOf=" + YEAR_END, management);
            projects[0] = list.status() == 200 ? list.json().path("projects") : null;
            return projects[0] != null && projects[0].size() == 57
                   && StreamSupport.stream(projects[0].spliterator(), false)
                                   .mapToLong(p -> p.path("version").asLong()).sum() == STATUS_CHANGES;
        });
        return projects[0];
    }

    private JsonNode project(String projectId, String asOf) {
        Response response = system.queries().get("/api/projects/" + projectId + "?asOf=" + asOf, management);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static Map<String, Integer> countBy(JsonNode projects, String field) {
        Map<String, Integer> counts = new TreeMap<>();
        projects.forEach(p -> counts.merge(p.path(field).asText(), 1, Integer::sum));
        return counts;
    }

    /** Each unit as "STATUS" or "STATUS targetYear". */
    private static Map<String, String> units(JsonNode project) {
        Map<String, String> units = new TreeMap<>();
        project.path("units").forEach(u -> units.put(u.path("unit").asText(), u.path("status").asText()
                + (u.path("targetYear").isNumber() ? " " + u.path("targetYear").asInt() : "")));
        return units;
    }
}
