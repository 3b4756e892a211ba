package fi.tiekartta.command.round;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tiekartta.command.CommandServiceTestBase;
import fi.tiekartta.support.web.CorrelationIds;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Opening and closing reporting rounds over HTTP, with what they leave in the PostgreSQL event store. */
class ReportingRoundApiTest extends CommandServiceTestBase {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String COORDINATOR_SUBJECT = "kaisa.koordinaattori";
    private static final String COORDINATOR = TestTokens.mint(COORDINATOR_SUBJECT, "COORDINATOR");
    private static final String OWNER = TestTokens.mint("matti.m", "OWNER");
    private static final String ROUND = "{\"title\":\"Tilinpäätös 2024\",\"asOf\":\"2024-12-31\",\"dueDate\":\"2025-01-15\"}";

    @Test
    void open_answersCreated_withTheRoundIdAndLocation_andStoresTheOpeningInItsOwnStream() {
        Response response = api.post("/api/reporting-rounds", COORDINATOR, ROUND, Map.of(CorrelationIds.HEADER, "avaus-1"));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode body = response.json();
        String roundId = body.path("roundId").asText();
        assertThat(UUID.fromString(roundId).toString()).isEqualTo(roundId);
        assertThat(body.path("state").asText()).isEqualTo("OPEN");
        assertThat(response.header("Location")).hasValue("/api/reporting-rounds/" + roundId);
        assertThat(eventCount(roundId)).isEqualTo(1);
        assertThat(storedEvent(roundId, 0, "type")).isEqualTo("ReportingRound");
        assertThat(storedEvent(roundId, 0, "payload_type")).isEqualTo("fi.tiekartta.events.ReportingRoundOpenedEvent");
        assertThat(storedEvent(roundId, 0, "payload::jsonb ->> 'title'")).isEqualTo("Tilinpäätös 2024");
        assertThat(storedEvent(roundId, 0, "payload::jsonb ->> 'asOf'")).isEqualTo("2024-12-31");
        assertThat(storedEvent(roundId, 0, "payload::jsonb ->> 'dueDate'")).isEqualTo("2025-01-15");
        assertThat(storedEvent(roundId, 0, "meta_data::jsonb ->> 'actor'")).isEqualTo(COORDINATOR_SUBJECT);
        assertThat(storedEvent(roundId, 0, "meta_data::jsonb ->> 'correlationId'")).isEqualTo("avaus-1");
    }

    @Test
    void open_givesEachRoundItsOwnId() {
        String first = open().path("roundId").asText();
        String second = open().path("roundId").asText();

        assertThat(first).isNotEqualTo(second);
    }

    @ParameterizedTest(name = "{0} → 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"title\":\"T\",\"asOf\":\"2025-01-16\",\"dueDate\":\"2025-01-15\"} | dueDate",
            "{\"title\":\"T\",\"asOf\":\"2024-02-30\",\"dueDate\":\"2025-01-15\"} | asOf",
            "{\"title\":\"T\",\"asOf\":\"2024-12-31\",\"dueDate\":\"2025-13-01\"} | dueDate",
            "{\"title\":\"T\",\"asOf\":\"0999-12-31\",\"dueDate\":\"2025-01-15\"} | asOf",
            "{\"title\":\"T\",\"asOf\":\"2024-12-31\",\"dueDate\":\"+10000-01-01\"} | dueDate",
            "{\"title\":\"T\",\"asOf\":20241231,\"dueDate\":\"2025-01-15\"}     | asOf",
            "{\"title\":\"T\",\"dueDate\":\"2025-01-15\"}                        | asOf",
            "{\"title\":\"T\",\"asOf\":\"2024-12-31\"}                           | dueDate",
            "{\"asOf\":\"2024-12-31\",\"dueDate\":\"2025-01-15\"}                | title",
            "{\"title\":\"A\\nB\",\"asOf\":\"2024-12-31\",\"dueDate\":\"2025-01-15\"} | title",
            "{\"title\":5,\"asOf\":\"2024-12-31\",\"dueDate\":\"2025-01-15\"}     | title",
            "{\"title\":\"T\",\"asOf\":\"2024-12-31\",\"dueDate\":\"2025-01-15\",\"roundId\":\"x\"} | roundId"})
    void open_refusesBadInput_namingTheField_andStoresNothing(String body, String field) {
        long before = eventCount();

        Response response = api.post("/api/reporting-rounds", COORDINATOR, body);

        assertInvalid(response, field);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void open_namesEveryBadField_inOneAnswer() {
        Response response = api.post("/api/reporting-rounds", COORDINATOR, "{\"title\":\"\",\"asOf\":\"2025-02-01\"}");

        assertProblem(response, 400);
        assertThat(fieldsNamed(response)).contains("title", "dueDate");
    }

    @Test
    void anOwner_mayNeitherOpenNorCloseARound() {
        String roundId = open().path("roundId").asText();
        long before = eventCount();

        assertProblem(api.post("/api/reporting-rounds", OWNER, ROUND), 403);
        assertProblem(close(roundId, OWNER, Map.of()), 403);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void close_answersOk_andRecordsWhoClosedIt() {
        String roundId = open().path("roundId").asText();

        Response response = close(roundId, COORDINATOR, Map.of(CorrelationIds.HEADER, "sulku-1"));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("roundId").asText()).isEqualTo(roundId);
        assertThat(response.json().path("state").asText()).isEqualTo("CLOSED");
        assertThat(eventCount(roundId)).isEqualTo(2);
        assertThat(storedEvent(roundId, 1, "payload_type")).isEqualTo("fi.tiekartta.events.ReportingRoundClosedEvent");
        assertThat(storedEvent(roundId, 1, "meta_data::jsonb ->> 'actor'")).isEqualTo(COORDINATOR_SUBJECT);
        assertThat(storedEvent(roundId, 1, "meta_data::jsonb ->> 'correlationId'")).isEqualTo("sulku-1");
    }

    @Test
    void close_twice_isAConflict_andAppendsNothing() {
        String roundId = open().path("roundId").asText();
        assertThat(close(roundId, COORDINATOR, Map.of()).status()).isEqualTo(200);

        Response again = close(roundId, COORDINATOR, Map.of());

        assertProblem(again, 409);
        assertThat(again.json().path("detail").asText()).contains("already closed");
        assertThat(eventCount(roundId)).isEqualTo(2);
    }

    @Test
    void close_ofAnUnknownRound_isNotFound() {
        long before = eventCount();

        Response unknown = close(UUID.randomUUID().toString(), COORDINATOR, Map.of());
        Response illFormed = close("not-a-round", COORDINATOR, Map.of());

        assertProblem(unknown, 404);
        assertThat(unknown.json().path("title").asText()).isEqualTo("No such reporting round");
        assertProblem(illFormed, 404);
        assertThat(eventCount()).isEqualTo(before);
    }

    /** Projects and rounds share the store: an id of one kind of stream is unknown to the other's commands. */
    @Test
    void aProjectsId_isNoRound_andARoundsId_isNoProject() {
        String projectId = "3f1c1a4e-0000-4000-8000-" + UUID.randomUUID().toString().substring(24);
        Response registered = api.post("/api/projects", COORDINATOR, "{\"projectId\":\"" + projectId
                + "\",\"sector\":\"TEKNIIKKA\",\"title\":\"Kohde\",\"owner\":\"matti.m\"}");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String roundId = open().path("roundId").asText();
        long before = eventCount();

        Response closingAProject = close(projectId, COORDINATOR, Map.of());
        Response reportingOnARound = api.post("/api/projects/" + roundId + "/status-changes", COORDINATOR,
                                              "{\"status\":\"IN_PROGRESS\"}");

        assertProblem(closingAProject, 404);
        assertProblem(reportingOnARound, 404);
        assertThat(eventCount()).isEqualTo(before);
    }

    /** A round's id is well-formed as a project id too; the store's unique key keeps the two kinds apart. */
    @Test
    void aProject_cannotTakeARoundsId_byRegistrationOrImport() {
        String roundId = open().path("roundId").asText();
        long before = eventCount();

        Response registered = api.post("/api/projects", COORDINATOR, "{\"projectId\":\"" + roundId
                + "\",\"sector\":\"TEKNIIKKA\",\"title\":\"Kohde\",\"owner\":\"matti.m\"}");
        Response imported = api.post("/api/imports?effectiveDate=2023-12-31", COORDINATOR,
                                     "id;sector;title;status_text\n" + roundId + ";TEKNIIKKA;Tuotu;VALMIS\n",
                                     Map.of("Content-Type", "text/csv"));

        assertProblem(registered, 409);
        assertProblem(imported, 409);
        assertThat(eventCount()).isEqualTo(before);
        assertThat(storedEvent(roundId, 0, "type")).isEqualTo("ReportingRound");
    }

    @Test
    void open_withAnIdempotencyKey_opensOneRound_andARepeatGetsTheSameAnswer() {
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        long before = eventCount();

        Response first = api.post("/api/reporting-rounds", COORDINATOR, ROUND, key);
        Response repeat = api.post("/api/reporting-rounds", COORDINATOR, ROUND, key);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(repeat.status()).as(repeat.toString()).isEqualTo(201);
        assertThat(repeat.json()).isEqualTo(first.json());
        assertThat(repeat.header("Location")).isEqualTo(first.header("Location"));
        assertThat(repeat.header("Idempotent-Replayed")).hasValue("true");
        assertThat(eventCount()).isEqualTo(before + 1);

        Response otherBody = api.post("/api/reporting-rounds", COORDINATOR, ROUND.replace("2024\"", "2025\""), key);
        assertProblem(otherBody, 422);
    }

    @Test
    void close_withAnIdempotencyKey_isRepeatedWithoutAConflict() {
        String roundId = open().path("roundId").asText();
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

        Response first = close(roundId, COORDINATOR, key);
        Response repeat = close(roundId, COORDINATOR, key);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(repeat.status()).as(repeat.toString()).isEqualTo(200);
        assertThat(repeat.json()).isEqualTo(first.json());
        assertThat(eventCount(roundId)).isEqualTo(2);
    }

    private JsonNode open() {
        Response response = api.post("/api/reporting-rounds", COORDINATOR, ROUND);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    /** Closing takes no body. */
    private Response close(String roundId, String token, Map<String, String> headers) {
        return api.send("POST", "/api/reporting-rounds/" + roundId + "/close", token, null, headers);
    }

    private static void assertProblem(Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith(PROBLEM_JSON);
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
    }

    private static void assertInvalid(Response response, String field) {
        assertProblem(response, 400);
        assertThat(fieldsNamed(response)).as(response.toString()).contains(field);
    }

    private static List<String> fieldsNamed(Response response) {
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }
}
