package fi.tiekartta.command.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.tiekartta.command.CommandServiceTestBase;
import fi.tiekartta.support.eventstore.EventStoreTables;
import fi.tiekartta.support.time.RoadmapTime;
import fi.tiekartta.support.web.CorrelationIds;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The project commands over HTTP, as a client sees them, with what they leave in the PostgreSQL event store. */
class ProjectApiTest extends CommandServiceTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM_JSON = "application/problem+json";

    private static final String COORDINATOR_SUBJECT = "kaisa.koordinaattori";
    private static final String OWNER_SUBJECT = "matti.m";
    private static final String COORDINATOR = TestTokens.mint(COORDINATOR_SUBJECT, "COORDINATOR");
    private static final String OWNER = TestTokens.mint(OWNER_SUBJECT, "OWNER");

    // --- registering ---------------------------------------------------------------------------------------

    @Test
    void register_answersCreated_withLocationETagAndBody() {
        String id = uniqueProjectId();

        Response response = api.post("/api/projects", COORDINATOR, registration(id, "TEKNIIKKA", "Vesimittarit"));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.header("Location")).hasValue("/api/projects/" + id);
        assertThat(response.header("ETag")).hasValue("\"0\"");
        JsonNode body = response.json();
        assertThat(body.path("projectId").asText()).isEqualTo(id);
        assertThat(body.path("changeId").asText()).isNotBlank();
        assertThat(body.path("version").isNumber()).isTrue();
        assertThat(body.path("version").asLong()).isZero();
    }

    @Test
    void register_storesJsonThatSqlCanRead_withTheTokenSubjectAsActor_andTheRequestsCorrelationId() {
        String id = uniqueProjectId();

        Response response = api.post("/api/projects", COORDINATOR,
                                     registration(id, "TEKNIIKKA", "Vesimittareiden vaihto etäluettaviksi"));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(eventCount(id)).isEqualTo(1);
        assertThat(storedEvent(id, 0, "payload::jsonb ->> 'title'")).isEqualTo("Vesimittareiden vaihto etäluettaviksi");
        assertThat(storedEvent(id, 0, "payload::jsonb ->> 'changeId'")).isEqualTo(response.json().path("changeId").asText());
        assertThat(storedEvent(id, 0, "meta_data::jsonb ->> 'actor'")).isEqualTo(COORDINATOR_SUBJECT);
        String correlationId = storedEvent(id, 0, "meta_data::jsonb ->> 'correlationId'");
        assertThat(correlationId).isNotBlank();
        assertThat(response.header(CorrelationIds.HEADER)).hasValue(correlationId);
    }

    @Test
    void register_storesTheClientsCorrelationId_whenTheClientSendsOne() {
        String id = uniqueProjectId();
        String clientsId = "client-req-" + id;

        Response response = api.post("/api/projects", COORDINATOR, registration(id, "TEKNIIKKA", "Vesimittarit"),
                                     Map.of(CorrelationIds.HEADER, clientsId));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.header(CorrelationIds.HEADER)).hasValue(clientsId);
        assertThat(storedEvent(id, 0, "meta_data::jsonb ->> 'correlationId'")).isEqualTo(clientsId);
    }

    @Test
    void register_replacesAClientCorrelationId_thatIsUnsafeInLogs() {
        String id = uniqueProjectId();

        Response response = api.post("/api/projects", COORDINATOR, registration(id, "TEKNIIKKA", "Vesimittarit"),
                                     Map.of(CorrelationIds.HEADER, "a b <script>"));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        String stored = storedEvent(id, 0, "meta_data::jsonb ->> 'correlationId'");
        assertThat(stored).isNotBlank().doesNotContain("script");
        assertThat(response.header(CorrelationIds.HEADER)).hasValue(stored);
    }

    @Test
    void register_withoutProjectId_givesTheNextIdsOfTheSector() {
        int highest = highestNumberInUse("LV");

        Response first = api.post("/api/projects", COORDINATOR, registration(null, "LUPA_JA_VALVONTA", "Sähköinen lupa"));
        Response second = api.post("/api/projects", COORDINATOR, registration(null, "LUPA_JA_VALVONTA", "Valvontarekisteri"));

        String expectedFirst = "LV-%02d".formatted(highest + 1);
        String expectedSecond = "LV-%02d".formatted(highest + 2);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().path("projectId").asText()).isEqualTo(expectedFirst);
        assertThat(first.header("Location")).hasValue("/api/projects/" + expectedFirst);
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(second.json().path("projectId").asText()).isEqualTo(expectedSecond);
        assertThat(storedEvent(expectedSecond, 0, "payload::jsonb ->> 'title'")).isEqualTo("Valvontarekisteri");
    }

    @Test
    void register_fails_withConflict_forExistingProjectId() {
        String id = registeredProject();
        long before = eventCount();

        Response response = api.post("/api/projects", COORDINATOR, registration(id, "ELINVOIMA", "Toinen hanke"));

        assertProblem(response, 409);
        assertThat(eventCount()).isEqualTo(before);
        assertThat(storedEvent(id, 0, "payload::jsonb ->> 'sector'")).isEqualTo("TEKNIIKKA");
    }

    @Test
    void register_fails_withBadRequest_forActorInTheBody() {
        String id = uniqueProjectId();
        ObjectNode body = registrationJson(id, "TEKNIIKKA", "Vesimittarit").put("actor", "someone.else");
        long before = eventCount();

        Response response = api.post("/api/projects", COORDINATOR, body.toString());

        assertInvalid(response, "actor");
        assertThat(eventCount()).isEqualTo(before);
    }

    // --- who may register ----------------------------------------------------------------------------------

    @Test
    void register_fails_withUnauthorized_withoutToken() {
        long before = eventCount();

        Response response = api.post("/api/projects", null, registration(uniqueProjectId(), "TEKNIIKKA", "Vesimittarit"));

        assertProblem(response, 401);
        assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void register_fails_withForbidden_forAuditor() {
        long before = eventCount();

        Response response = api.post("/api/projects", TestTokens.mint("aino.auditor", "AUDITOR"),
                                     registration(uniqueProjectId(), "TEKNIIKKA", "Vesimittarit"));

        assertProblem(response, 403);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void register_fails_withUnauthorized_forTokenSignedWithAnotherSecret() {
        String forged = TestTokens.mint("not-the-secret-the-service-trusts-0000000000", COORDINATOR_SUBJECT,
                                        Instant.now().plus(Duration.ofHours(1)), "COORDINATOR");
        long before = eventCount();

        Response response = api.post("/api/projects", forged, registration(uniqueProjectId(), "TEKNIIKKA", "Vesimittarit"));

        assertProblem(response, 401);
        assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void register_fails_withUnauthorized_forExpiredToken() {
        String expired = TestTokens.mint(TestTokens.SECRET, COORDINATOR_SUBJECT,
                                         Instant.now().minus(Duration.ofMinutes(10)), "COORDINATOR");
        long before = eventCount();

        Response response = api.post("/api/projects", expired, registration(uniqueProjectId(), "TEKNIIKKA", "Vesimittarit"));

        assertProblem(response, 401);
        assertThat(eventCount()).isEqualTo(before);
    }

    // --- status changes ------------------------------------------------------------------------------------

    @Test
    void changeStatus_byOwner_answersCreated_withChangeIdAndTheNewVersion() {
        String id = registeredProject();

        Response response = changeStatus(id, OWNER, "{\"status\":\"IN_PROGRESS\",\"progressPercent\":60}");

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.header("ETag")).hasValue("\"1\"");
        JsonNode body = response.json();
        assertThat(body.path("projectId").asText()).isEqualTo(id);
        assertThat(body.path("changeId").asText()).isNotBlank();
        assertThat(body.path("version").asLong()).isEqualTo(1);
        assertThat(storedEvent(id, 1, "payload::jsonb ->> 'status'")).isEqualTo("IN_PROGRESS");
        assertThat(storedEvent(id, 1, "payload::jsonb ->> 'changeId'")).isEqualTo(body.path("changeId").asText());
    }

    @Test
    void changeStatus_storesTheTokenSubjectAsActor_theReason_andTheCorrelationId() {
        String id = registeredProject();

        Response response = changeStatus(id, OWNER, "{\"status\":\"IN_PROGRESS\",\"reason\":\"hankinta tehty\"}");

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(storedEvent(id, 1, "meta_data::jsonb ->> 'actor'")).isEqualTo(OWNER_SUBJECT);
        assertThat(storedEvent(id, 1, "meta_data::jsonb ->> 'reason'")).isEqualTo("hankinta tehty");
        String correlationId = storedEvent(id, 1, "meta_data::jsonb ->> 'correlationId'");
        assertThat(correlationId).isNotBlank();
        assertThat(response.header(CorrelationIds.HEADER)).hasValue(correlationId);
    }

    @Test
    void changeStatus_fails_withBadRequest_forActorInTheBody() {
        String id = registeredProject();
        long before = eventCount();

        Response response = changeStatus(id, OWNER, "{\"status\":\"DONE\",\"actor\":\"someone.else\"}");

        assertInvalid(response, "actor");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void changeStatus_fails_withNotFound_forUnknownProject() {
        String unknown = uniqueProjectId();
        long before = eventCount();

        Response response = changeStatus(unknown, OWNER, "{\"status\":\"DONE\"}");

        assertProblem(response, 404);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void changeStatus_fails_withForbidden_forAuditor() {
        String id = registeredProject();
        long before = eventCount();

        Response response = changeStatus(id, TestTokens.mint("aino.auditor", "AUDITOR"), "{\"status\":\"DONE\"}");

        assertProblem(response, 403);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void changeStatus_fails_withForbidden_forOwnerOfAnotherProject() {
        String id = registeredProject(); // owned by OWNER_SUBJECT
        long before = eventCount();

        Response response = changeStatus(id, TestTokens.mint("liisa.l", "OWNER"), "{\"status\":\"DONE\"}");

        assertProblem(response, 403);
        assertThat(eventCount()).isEqualTo(before);
    }

    // --- invalid input: 400, the field named, nothing appended ---------------------------------------------

    @Test
    void changeStatus_fails_withBadRequest_forUnknownStatus() {
        assertRefusedNamingField("{\"status\":\"FINISHED\"}", Map.of(), "status");
    }

    @Test
    void changeStatus_fails_withBadRequest_forDateThatIsNotOnTheCalendar() {
        assertRefusedNamingField("{\"status\":\"DONE\",\"effectiveDate\":\"2023-02-30\"}", Map.of(), "effectiveDate");
    }

    @Test
    void changeStatus_fails_withBadRequest_forProgressAbove100() {
        assertRefusedNamingField("{\"status\":\"IN_PROGRESS\",\"progressPercent\":101}", Map.of(), "progressPercent");
    }

    @Test
    void changeStatus_fails_withBadRequest_forPostponedWithoutTargetYear() {
        assertRefusedNamingField("{\"status\":\"POSTPONED\"}", Map.of(), "targetYear");
    }

    @Test
    void changeStatus_fails_withBadRequest_forEffectiveDateTomorrowInHelsinki() {
        LocalDate tomorrow = LocalDate.now(RoadmapTime.ZONE).plusDays(1);
        assertRefusedNamingField("{\"status\":\"DONE\",\"effectiveDate\":\"" + tomorrow + "\"}", Map.of(),
                                 "effectiveDate");
    }

    @Test
    void changeStatus_fails_withBadRequest_forBodyThatIsNotJson() {
        assertRefusedNamingField("status=DONE", Map.of(), "body");
    }

    @Test
    void changeStatus_fails_withBadRequest_forProgressThatIsNotANumber() {
        assertRefusedNamingField("{\"status\":\"IN_PROGRESS\",\"progressPercent\":\"lots\"}", Map.of(),
                                 "progressPercent");
    }

    @Test
    void changeStatus_fails_withBadRequest_forMalformedIfMatch() {
        assertRefusedNamingField("{\"status\":\"DONE\"}", Map.of("If-Match", "\"latest\""), "If-Match");
    }

    // --- If-Match ------------------------------------------------------------------------------------------

    @Test
    void changeStatus_withIfMatchOfTheCurrentVersion_isRecorded() {
        String id = registeredProject();

        Response first = changeStatus(id, OWNER, "{\"status\":\"PLANNED\"}", Map.of("If-Match", "\"0\""));
        Response second = changeStatus(id, OWNER, "{\"status\":\"IN_PROGRESS\"}",
                                       Map.of("If-Match", first.header("ETag").orElseThrow()));

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(second.json().path("version").asLong()).isEqualTo(2);
        assertThat(eventCount(id)).isEqualTo(3);
    }

    @Test
    void changeStatus_fails_withPreconditionFailed_forStaleIfMatch() {
        String id = registeredProject();
        assertThat(changeStatus(id, OWNER, "{\"status\":\"PLANNED\"}").status()).isEqualTo(201);
        long before = eventCount();

        Response response = changeStatus(id, OWNER, "{\"status\":\"IN_PROGRESS\"}", Map.of("If-Match", "\"0\""));

        assertProblem(response, 412);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void changeStatus_fails_withPreconditionFailed_forIfMatchOfAVersionTheProjectHasNotReached() {
        String id = registeredProject();
        long before = eventCount();

        Response response = changeStatus(id, OWNER, "{\"status\":\"IN_PROGRESS\"}", Map.of("If-Match", "\"7\""));

        assertProblem(response, 412);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void changeStatus_withIfMatchStar_isRecorded() {
        String id = registeredProject();

        Response response = changeStatus(id, OWNER, "{\"status\":\"DONE\"}", Map.of("If-Match", "*"));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(eventCount(id)).isEqualTo(2);
    }

    // --- open endpoints ------------------------------------------------------------------------------------

    @Test
    void healthAndPrometheus_answerWithoutToken() {
        Response health = api.get("/actuator/health", null);
        Response prometheus = api.get("/actuator/prometheus", null);

        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.body()).contains("# TYPE");
    }

    @Test
    void apiDocs_answerWithoutToken_andDescribeTheCommandsAndTheBearerScheme() {
        Response response = api.get("/v3/api-docs", null);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode docs = response.json();
        assertThat(docs.path("paths").has("/api/projects")).isTrue();
        assertThat(docs.path("paths").has("/api/projects/{projectId}/status-changes")).isTrue();
        List<String> bearerSchemes = new ArrayList<>();
        docs.path("components").path("securitySchemes").fields().forEachRemaining(scheme -> {
            if ("http".equals(scheme.getValue().path("type").asText())
                && "bearer".equalsIgnoreCase(scheme.getValue().path("scheme").asText())) {
                bearerSchemes.add(scheme.getKey());
            }
        });
        assertThat(bearerSchemes).isNotEmpty();
        assertThat(docs.path("security").toString()).contains(bearerSchemes.get(0));
    }

    @Test
    void apiDocs_list409ConcurrentChange_onEveryCommandOnAnExistingProjectOrRound_besideTheirOwn409() {
        JsonNode paths = api.get("/v3/api-docs", null).json().path("paths");

        for (JsonNode operation : List.of(paths.path("/api/projects/{projectId}/status-changes").path("post"),
                                          paths.path("/api/projects/{projectId}/owner").path("put"),
                                          paths.path("/api/projects/{projectId}").path("patch"))) {
            JsonNode conflict = operation.path("responses").path("409");
            assertThat(conflict.path("description").asText()).as(operation.path("summary").asText())
                    .isEqualTo("Another change to this project was recorded at the same moment (through another "
                               + "instance); nothing was recorded, retry");
            assertThat(conflict.path("content").has(PROBLEM_JSON)).isTrue();
        }
        assertThat(paths.path("/api/projects/{projectId}/corrections").path("post").path("responses").path("409")
                        .path("description").asText())
                .startsWith("The change was already retracted, or another change to this project was recorded");
        assertThat(paths.path("/api/reporting-rounds/{roundId}/close").path("post").path("responses").path("409")
                        .path("description").asText())
                .startsWith("The round is already closed, or another change to this reporting round was recorded");
        assertThat(paths.path("/api/projects").path("post").path("responses").path("409").path("description").asText())
                .as("a registration starts a stream: its race is its own 409").isEqualTo("A project with this id exists");
        assertThat(paths.path("/api/reporting-rounds").path("post").path("responses").has("409")).isFalse();
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private String registeredProject() {
        String id = uniqueProjectId();
        Response response = api.post("/api/projects", COORDINATOR, registration(id, "TEKNIIKKA", "Vesimittarit"));
        assertThat(response.status()).as("registering %s: %s", id, response).isEqualTo(201);
        return id;
    }

    private Response changeStatus(String projectId, String token, String body) {
        return changeStatus(projectId, token, body, Map.of());
    }

    private Response changeStatus(String projectId, String token, String body, Map<String, String> headers) {
        return api.post("/api/projects/" + projectId + "/status-changes", token, body, headers);
    }

    private void assertRefusedNamingField(String body, Map<String, String> headers, String field) {
        String id = registeredProject();
        long before = eventCount();

        Response response = changeStatus(id, OWNER, body, headers);

        assertInvalid(response, field);
        assertThat(eventCount()).isEqualTo(before);
    }

    private static void assertProblem(Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith(PROBLEM_JSON);
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
    }

    private static void assertInvalid(Response response, String field) {
        assertProblem(response, 400);
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(error -> fields.add(error.path("field").asText()));
        assertThat(fields).as(response.toString()).contains(field);
    }

    /** The highest number after {@code prefix-} among registered projects, as the allocator would see it. */
    private int highestNumberInUse(String prefix) {
        Pattern numbered = Pattern.compile(Pattern.quote(prefix) + "-(\\d{1,9})");
        return jdbc.queryForList("SELECT aggregate_identifier FROM " + EventStoreTables.DOMAIN_EVENTS
                                 + " WHERE sequence_number = 0", String.class)
                   .stream()
                   .map(numbered::matcher)
                   .filter(Matcher::matches)
                   .mapToInt(m -> Integer.parseInt(m.group(1)))
                   .max().orElse(0);
    }

    private static String registration(String projectId, String sector, String title) {
        return registrationJson(projectId, sector, title).toString();
    }

    private static ObjectNode registrationJson(String projectId, String sector, String title) {
        ObjectNode body = JSON.createObjectNode();
        if (projectId != null) {
            body.put("projectId", projectId);
        }
        return body.put("sector", sector)
                   .put("title", title)
                   .put("owner", OWNER_SUBJECT)
                   .put("plannedStartYear", 2024)
                   .put("plannedEndYear", 2026);
    }
}
