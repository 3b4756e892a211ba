package fi.tiekartta.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tiekartta.client.queries.ApiClient;
import fi.tiekartta.client.queries.ApiException;
import fi.tiekartta.client.queries.api.HistoryApi;
import fi.tiekartta.client.queries.api.ReportsApi;
import fi.tiekartta.client.queries.api.RoadmapApi;
import fi.tiekartta.client.queries.model.HistoryChange;
import fi.tiekartta.client.queries.model.ProjectHistory;
import fi.tiekartta.client.queries.model.ProjectView;
import fi.tiekartta.client.queries.model.Roadmap;
import fi.tiekartta.client.queries.model.YearEndReport;
import fi.tiekartta.testsupport.HttpApi;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The published API descriptions say what the services do: a walk over every operation of both services, with
 * the Heinola roadmap imported, through clients that check each exchange against the description
 * ({@link ApiDescription}), answers that succeed and answers that refuse. Every other system test goes through
 * the same check; this one makes sure every operation is walked, leaves both descriptions in
 * {@code target/openapi/} for Spectral, reads the roadmap with the Java client generated from
 * {@code docs/openapi/}, and checks that those are the descriptions the services publish.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiDescriptionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path COMMITTED = Path.of("..", "docs", "openapi");
    private static final Path HEINOLA_CSV = Path.of("..", "data", "heinola-digitiekartta.csv");
    private static final String YEAR_END = "2023-12-31";
    private static final Map<String, String> CSV = Map.of("Content-Type", "text/csv; charset=utf-8");

    private static RunningSystem system;
    /** The round the commands open and close, whose answers the queries then walk. */
    private static String roundId;

    private final String coordinator = TestTokens.mint("koordinaattori", "COORDINATOR");
    private final String owner = TestTokens.mint("matti.m", "OWNER");
    private final String management = TestTokens.mint("johtaja", "MANAGEMENT");
    private final String auditor = TestTokens.mint("tarkastaja", "AUDITOR");
    private final String admin = TestTokens.mint("yllapitaja", "ADMIN");

    @BeforeAll
    static void start() {
        system = RunningSystem.start("openapi");
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    private static Response expect(int status, Response answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        return answer;
    }

    private static Response expect(int[] statuses, Response answer) {
        assertThat(answer.status()).as(answer.toString()).isIn(java.util.Arrays.stream(statuses).boxed().toList());
        return answer;
    }

    @Test
    @Order(1)
    void everyCommand_answersAsDescribed_acceptedOrRefused() throws IOException {
        HttpApi commands = system.commands();
        String heinola = Files.readString(HEINOLA_CSV, StandardCharsets.UTF_8);

        expect(201, commands.post("/api/imports?effectiveDate=" + YEAR_END, coordinator, heinola, CSV));
        expect(409, commands.post("/api/imports?effectiveDate=" + YEAR_END, coordinator, heinola, CSV));
        expect(400, commands.post("/api/imports?effectiveDate=" + YEAR_END, coordinator,
                                 "id;sector;title;status_text\nXX-01;EI_SEKTORI;;KESKEN\n", CSV));
        expect(415, commands.post("/api/imports?effectiveDate=" + YEAR_END, coordinator, "{}"));
        expect(403, commands.post("/api/imports?effectiveDate=" + YEAR_END, owner, heinola, CSV));

        String registration = """
                {"projectId":"TE-90","sector":"TEKNIIKKA","title":"Katuvalojen etäohjaus","owner":"matti.m",
                 "plannedStartYear":2024,"plannedEndYear":2025}""";
        expect(201, commands.post("/api/projects", coordinator, registration, Map.of("Idempotency-Key", "te-90")));
        expect(422, commands.post("/api/projects", coordinator, registration.replace("TE-90", "TE-91"),
                                 Map.of("Idempotency-Key", "te-90")));
        expect(409, commands.post("/api/projects", coordinator, registration));
        expect(400, commands.post("/api/projects", coordinator, "{\"sector\":\"TEKNIIKKA\",\"title\":\"Ei omistajaa\"}"));
        expect(400, commands.post("/api/projects", coordinator, """
                {"sector":"TEKNIIKKA","title":"Vuosi tekstinä","owner":"matti.m","plannedStartYear":"2024"}"""));
        expect(401, commands.post("/api/projects", null, registration));
        expect(403, commands.post("/api/projects", management, registration));
        expect(201, commands.post("/api/projects", coordinator, """
                {"sector":"TEKNIIKKA","title":"Ilman tunnusta","owner":"matti.m"}"""));

        expect(201, commands.send("PUT", "/api/projects/TE-90/owner", coordinator,
                                 "{\"owner\":\"maija.m\",\"reason\":\"vastuu siirtyi\"}", Map.of("If-Match", "\"0\"")));
        expect(412, commands.send("PUT", "/api/projects/TE-90/owner", coordinator,
                                 "{\"owner\":\"matti.m\",\"reason\":\"takaisin\"}", Map.of("If-Match", "\"0\"")));
        expect(404, commands.send("PUT", "/api/projects/EI-01/owner", coordinator,
                                 "{\"owner\":\"matti.m\",\"reason\":\"ei projektia\"}", Map.of()));
        expect(201, commands.send("PUT", "/api/projects/TE-90/owner", coordinator,
                                 "{\"owner\":\"matti.m\",\"reason\":\"takaisin\"}", Map.of()));

        expect(201, commands.send("PATCH", "/api/projects/TE-90", owner,
                                 "{\"title\":\"Katuvalojen etäohjaus ja mittaus\",\"description\":\"\",\"reason\":\"tarkennus\"}", Map.of()));
        expect(412, commands.send("PATCH", "/api/projects/TE-90", owner, "{\"title\":\"Vanha\",\"reason\":\"vanha versio\"}", Map.of("If-Match", "\"0\"")));
        expect(404, commands.send("PATCH", "/api/projects/EI-01", coordinator, "{\"title\":\"Ei ole\",\"reason\":\"ei projektia\"}", Map.of()));

        Response reported = commands.post("/api/projects/TE-90/status-changes", owner, """
                {"status":"IN_PROGRESS","progressPercent":40,"note":"40 % TEHTY"}""");
        expect(201, reported);
        expect(412, commands.post("/api/projects/TE-90/status-changes", owner, "{\"status\":\"DONE\"}", Map.of("If-Match", "\"1\"")));
        expect(404, commands.post("/api/projects/EI-01/status-changes", coordinator, "{\"status\":\"DONE\"}"));
        expect(400, commands.post("/api/projects/TE-90/status-changes", owner, "{\"status\":\"EI_TILA\"}"));

        String changeId = reported.json().path("changeId").asText();
        expect(201, commands.post("/api/projects/TE-90/corrections", owner,
                                 "{\"changeId\":\"" + changeId + "\",\"progressPercent\":45,\"note\":null,\"reason\":\"luku korjattu\"}"));
        Response second = commands.post("/api/projects/TE-90/status-changes", owner, "{\"status\":\"WAITING\",\"note\":\"odottaa toimittajaa\"}");
        expect(201, second);
        String retraction = "{\"changeId\":\"" + second.json().path("changeId").asText() + "\",\"retract\":true,\"reason\":\"väärä projekti\"}";
        expect(201, commands.post("/api/projects/TE-90/corrections", coordinator, retraction));
        expect(409, commands.post("/api/projects/TE-90/corrections", coordinator, retraction));
        expect(404, commands.post("/api/projects/EI-01/corrections", coordinator, retraction));

        String round = """
                {"title":"Tilinpäätös 2024","asOf":"2024-12-31","dueDate":"2025-01-15"}""";
        Response opened = commands.post("/api/reporting-rounds", coordinator, round, Map.of("Idempotency-Key", "tp-2024"));
        expect(201, opened);
        expect(201, commands.post("/api/reporting-rounds", coordinator, round, Map.of("Idempotency-Key", "tp-2024")));
        expect(422, commands.post("/api/reporting-rounds", coordinator, round.replace("Tilinpäätös", "Välitilinpäätös"),
                                 Map.of("Idempotency-Key", "tp-2024")));
        expect(400, commands.post("/api/reporting-rounds", coordinator, round.replace("2024-12-31", "2025-02-01")));
        expect(400, commands.post("/api/reporting-rounds", coordinator, round.replace("2024-12-31", "2024-02-30")));
        expect(403, commands.post("/api/reporting-rounds", owner, round));
        roundId = opened.json().path("roundId").asText();
        expect(403, commands.send("POST", "/api/reporting-rounds/" + roundId + "/close", owner, null, Map.of()));
        expect(200, commands.send("POST", "/api/reporting-rounds/" + roundId + "/close", coordinator, null, Map.of()));
        expect(409, commands.send("POST", "/api/reporting-rounds/" + roundId + "/close", coordinator, null, Map.of()));
        expect(404, commands.send("POST", "/api/reporting-rounds/TE-90/close", coordinator, null, Map.of()));
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Helsinki"));   // TE-90 is on the roadmap from today on
        expect(201, commands.post("/api/reporting-rounds", coordinator,
                                 "{\"title\":\"Tilannekatsaus\",\"asOf\":\"" + today + "\",\"dueDate\":\"" + today.plusDays(14) + "\"}"));
    }

    @Test
    @Order(2)
    void everyQuery_answersAsDescribed_withTheHeinolaRoadmap() {
        HttpApi queries = system.queries();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() ->
                queries.get("/api/projects/TE-90/history", management).status() == 200
                && queries.get("/api/projects/TE-90/history", management).json().path("changes").size() == 8
                && queries.get("/api/projects", management).json().path("projects").size() == 59);

        JsonNode projects = queries.get("/api/projects?asOf=" + YEAR_END, management).json().path("projects");
        assertThat(projects).hasSize(57);
        expect(200, queries.get("/api/projects", management));
        expect(200, queries.get("/api/projects?sector=TEKNIIKKA&status=IN_PROGRESS", owner));
        expect(400, queries.get("/api/projects?sector=EI_SEKTORI", owner));
        expect(400, queries.get("/api/projects?asOf=31.12.2023", owner));
        expect(401, queries.get("/api/projects", null));

        Set<String> ids = new TreeSet<>();
        projects.forEach(p -> ids.add(p.path("projectId").asText()));
        ids.add("TE-90");
        for (String id : ids) {
            expect(200, queries.get("/api/projects/" + id, management));
            expect(new int[]{200, 404}, queries.get("/api/projects/" + id + "?asOf=" + YEAR_END, management));
            expect(200, queries.get("/api/projects/" + id + "/history", management));
            expect(200, queries.get("/api/audit/projects/" + id + "/events", auditor));
            expect(200, queries.get("/api/audit/projects/" + id + "/state", auditor));
        }
        expect(404, queries.get("/api/projects/EI-01", management));
        expect(404, queries.get("/api/projects/EI-01/history", management));

        expect(200, queries.get("/api/roadmap", management));
        expect(200, queries.get("/api/roadmap?asOf=" + YEAR_END, owner));
        expect(400, queries.get("/api/roadmap?knownAt=eilen", owner));
        expect(200, queries.get("/api/roadmap?asOf=" + YEAR_END + "&limit=20", management));
        expect(400, queries.get("/api/roadmap?asOf=" + YEAR_END + "&limit=0", management));
        expect(406, queries.get("/api/roadmap", owner, Map.of("Accept", "text/csv")));

        for (String accept : new String[]{"application/json", "text/csv", "text/html", "application/pdf"}) {
            expect(200, queries.get("/api/reports/year-end/2023", management, Map.of("Accept", accept)));
        }
        expect(200, queries.get("/api/reports/year-end/2024", management));
        expect(406, queries.get("/api/reports/year-end/2023", management, Map.of("Accept", "image/png")));
        expect(400, queries.get("/api/reports/year-end/1999", management));

        expect(200, queries.get("/api/reporting-rounds", management));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                "CLOSED".equals(queries.get("/api/reporting-rounds/" + roundId, management).json().path("state").asText()));
        expect(200, queries.get("/api/reporting-rounds/" + roundId, coordinator));
        for (String accept : new String[]{"application/json", "text/csv", "text/html"}) {
            expect(200, queries.get("/api/reporting-rounds/" + roundId + "/report", auditor, Map.of("Accept", accept)));
        }
        expect(403, queries.get("/api/reporting-rounds", owner));
        expect(404, queries.get("/api/reporting-rounds/EI-KIERROS", management));
        expect(404, queries.get("/api/reporting-rounds/EI-KIERROS/report", management, Map.of("Accept", "text/csv")));
        expect(406, queries.get("/api/reporting-rounds/EI-KIERROS/report", management, Map.of("Accept", "application/pdf")));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                queries.get("/api/me/reporting", owner).json().path("rounds").size() == 1);
        expect(200, queries.get("/api/me/reporting", owner));

        Response firstPage = queries.get("/api/audit/projects/TE-90/events?limit=2", auditor);
        assertThat(firstPage.json().path("next").isTextual()).isTrue();
        expect(200, queries.get(firstPage.json().path("next").asText(), auditor));
        expect(400, queries.get("/api/audit/projects/TE-90/events?limit=0", auditor));
        expect(404, queries.get("/api/audit/projects/EI-01/events", auditor));
        expect(200, queries.get("/api/audit/projects/TE-90/state?atSequence=1", auditor));
        expect(404, queries.get("/api/audit/projects/EI-01/state", auditor));
        expect(400, queries.get("/api/audit/projects/TE-90/state?atSequence=1&knownAt=2024-01-01T00:00:00Z", auditor));
        expect(403, queries.get("/api/audit/projects/TE-90/events", management));
        Response verified = queries.get("/api/audit/verify", auditor);
        expect(200, verified);
        expect(200, queries.get("/api/audit/verify?knownAt=" + verified.json().path("knownAt").asText("2026-01-01T00:00:00Z")
                               + "&digest=" + verified.json().path("digest").asText(), auditor));
        expect(400, queries.get("/api/audit/verify?digest=sha256:00", auditor));
    }

    @Test
    @Order(3)
    void theRebuild_answersAsDescribed_andReadsDuringItToo() {
        HttpApi queries = system.queries();
        expect(200, queries.get("/api/admin/replay", admin));
        expect(202, queries.post("/api/admin/replay", admin, ""));
        expect(new int[]{200, 503}, queries.get("/api/roadmap", management));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).until(() ->
                "IDLE".equals(queries.get("/api/admin/replay", admin).json().path("state").asText()));
        expect(403, queries.post("/api/admin/replay", management, ""));
    }

    @Test
    @Order(4)
    void theGeneratedClient_readsTheHeinolaRoadmapHistoryAndYearEndReport() throws ApiException {
        ApiClient client = new ApiClient();
        client.updateBaseUri(system.queryService.baseUrl());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + management));

        Roadmap roadmap = new RoadmapApi(client).roadmap(LocalDate.parse(YEAR_END), null, null, null, null, null);
        assertThat(roadmap.getSectors()).hasSize(6);
        assertThat(roadmap.getNextCursor()).as("the whole roadmap is no page").isNull();
        Roadmap firstPage = new RoadmapApi(client).roadmap(LocalDate.parse(YEAR_END), null, null, null, 50, null);
        Roadmap lastPage = new RoadmapApi(client).roadmap(LocalDate.parse(YEAR_END), firstPage.getKnownAt(), null, null, 50,
                                                          firstPage.getNextCursor());
        assertThat(firstPage.getCountsByStatus()).isEqualTo(roadmap.getCountsByStatus());
        assertThat(lastPage.getNextCursor()).isNull();
        assertThat(lastPage.getSectors().stream().mapToInt(s -> s.getProjects().size()).sum()).isEqualTo(57 - 50);
        List<ProjectView> projects = roadmap.getSectors().stream().flatMap(s -> s.getProjects().stream()).toList();
        assertThat(projects).hasSize(57);
        assertThat(projects).anyMatch(p -> p.getOwner() == null).anyMatch(p -> p.getProgressPercent() == null);
        assertThat(projects).filteredOn(p -> "TE-10".equals(p.getProjectId())).singleElement()
                            .satisfies(te10 -> assertThat(te10.getProgressPercent()).isEqualTo(60));

        ProjectHistory history = new HistoryApi(client).history("TE-90");
        assertThat(history.getChanges()).extracting(HistoryChange::getType).contains(
                HistoryChange.TypeEnum.REGISTERED, HistoryChange.TypeEnum.CORRECTED, HistoryChange.TypeEnum.RETRACTED);
        assertThat(history.getChanges().get(0).getStatus()).isNull();
        assertThat(history.getChanges()).anyMatch(c -> c.getSupersededBy() != null).anyMatch(c -> c.getCorrects() != null);

        YearEndReport report = new ReportsApi(client).yearEnd(2023, null);
        assertThat(report.getYear()).isEqualTo(2023);
        assertThat(report.getSectors()).hasSize(6);
        assertThat(report.getCountsByStatus().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(57);
    }

    @Test
    @Order(5)
    void theCommittedDescriptions_areThePublishedOnes() throws IOException {
        for (String service : List.of(RunningSystem.COMMAND_SERVICE, RunningSystem.QUERY_SERVICE)) {
            ServiceProcess process = service.equals(RunningSystem.COMMAND_SERVICE) ? system.commandService : system.queryService;
            JsonNode committed = JSON.readTree(COMMITTED.resolve(service + ".json").toFile());
            boolean same = ApiDescription.withoutServers(ApiDescription.of(service, process).document()).equals(committed);
            assertThat(same).as("docs/openapi/%s.json is what the service publishes (the generated client is made from it); "
                        + "when the API changed on purpose, copy system-tests/target/openapi/committed/%s.json there",
                        service, service)
                    .isTrue();
        }
    }

    @Test
    @Order(6)
    void everyDescribedOperation_wasWalked() {
        for (ApiDescription description : Set.of(
                ApiDescription.of(RunningSystem.COMMAND_SERVICE, system.commandService),
                ApiDescription.of(RunningSystem.QUERY_SERVICE, system.queryService))) {
            Set<String> walked = new HashSet<>();
            description.exercised().forEach(e -> walked.add(e.substring(0, e.lastIndexOf(' '))));
            assertThat(walked).as("operations walked").containsAll(description.operations());
        }
        System.out.println("Exchanges checked against the API descriptions: " + ApiDescription.CHECKED);
    }
}
