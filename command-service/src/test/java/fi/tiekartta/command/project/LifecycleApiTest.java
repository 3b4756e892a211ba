package fi.tiekartta.command.project;

import fi.tiekartta.command.CommandServiceTestBase;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.Race;
import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Corrections, owner and details, If-Match and Idempotency-Key over HTTP, against the real event store. */
class LifecycleApiTest extends CommandServiceTestBase {

    private static final String COORDINATOR = TestTokens.mint("kaisa.koordinaattori", "COORDINATOR");
    private static final String OWNER = TestTokens.mint("matti.m", "OWNER");

    @Test
    void aRepeatWithTheSameIdempotencyKey_getsTheFirstAnswer_andWritesNothing() {
        String id = registered();
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        String body = "{\"status\":\"IN_PROGRESS\",\"progressPercent\":40}";

        Response first = api.post("/api/projects/" + id + "/status-changes", OWNER, body, key);
        Response repeat = api.post("/api/projects/" + id + "/status-changes", OWNER,
                                   "{ \"progressPercent\": 40, \"status\": \"IN_PROGRESS\" }", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.json()).isEqualTo(first.json());
        assertThat(repeat.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(repeat.header("Idempotent-Replayed")).hasValue("true");
        assertThat(eventCount(id)).isEqualTo(2);
    }

    @Test
    void aRepeatedRegistration_withTheSameIdempotencyKey_getsTheFirstAnswer_withItsLocation() {
        String id = uniqueProjectId();
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        String body = "{\"projectId\":\"" + id + "\",\"sector\":\"TEKNIIKKA\",\"title\":\"Mittarit\",\"owner\":\"matti.m\"}";

        Response first = api.post("/api/projects", COORDINATOR, body, key);
        Response repeat = api.post("/api/projects", COORDINATOR, body, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(repeat.status()).as("a plain repeat would be 409; the key makes it the first answer").isEqualTo(201);
        assertThat(repeat.header("Location")).isEqualTo(first.header("Location"));
        assertThat(repeat.json()).isEqualTo(first.json());
    }

    @Test
    void theSameIdempotencyKey_withAnotherBody_is422() {
        String id = registered();
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        api.post("/api/projects/" + id + "/status-changes", OWNER, "{\"status\":\"IN_PROGRESS\"}", key);

        Response other = api.post("/api/projects/" + id + "/status-changes", OWNER, "{\"status\":\"DONE\"}", key);

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.contentType()).startsWith("application/problem+json");
        assertThat(eventCount(id)).isEqualTo(2);
    }

    @Test
    void idempotencyKeys_belongToTheirSender() {
        String id = registered();
        Map<String, String> key = Map.of("Idempotency-Key", "shared-key-" + id);
        api.post("/api/projects/" + id + "/status-changes", OWNER, "{\"status\":\"IN_PROGRESS\"}", key);

        Response coordinators = api.post("/api/projects/" + id + "/status-changes", COORDINATOR,
                                         "{\"status\":\"DONE\"}", key);

        assertThat(coordinators.status()).isEqualTo(201);
        assertThat(eventCount(id)).isEqualTo(3);
    }

    @Test
    void concurrentRequestsWithOneIdempotencyKey_appendOnce_andGetOneAnswer() throws Exception {
        String id = registered();
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        List<Response> answers = Race.of(8, writer -> api.post("/api/projects/" + id + "/status-changes", OWNER,
                                                         "{\"status\":\"WAITING\",\"note\":\"toimittaja\"}", key));

        assertThat(answers).extracting(Response::status).containsOnly(201);
        assertThat(answers).extracting(r -> r.json().get("changeId").asText()).containsOnly(
                answers.get(0).json().get("changeId").asText());
        assertThat(eventCount(id)).isEqualTo(2);
    }

    @Test
    void aMalformedIdempotencyKey_is400_namingTheHeader() {
        String id = registered();
        Response response = api.post("/api/projects/" + id + "/status-changes", OWNER, "{\"status\":\"DONE\"}",
                                     Map.of("Idempotency-Key", "x".repeat(201)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("Idempotency-Key");
    }

    @Test
    void racingWritersWithOneIfMatch_exactlyOneWins() throws Exception {
        String id = registered();
        List<Response> answers = Race.of(8, writer -> api.post("/api/projects/" + id + "/status-changes", OWNER,
                                                         "{\"status\":\"IN_PROGRESS\"}", Map.of("If-Match", "\"0\"")));

        assertThat(answers).extracting(Response::status).containsOnly(201, 412);
        assertThat(answers).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(eventCount(id)).isEqualTo(2);
    }

    @Test
    void everyCommandEndpoint_refusesAStaleIfMatch() {
        String id = registered();
        api.post("/api/projects/" + id + "/status-changes", OWNER, "{\"status\":\"IN_PROGRESS\"}");
        Map<String, String> stale = Map.of("If-Match", "\"0\"");
        String changeId = firstStatusChangeId(id);

        Response status = api.post("/api/projects/" + id + "/status-changes", OWNER, "{\"status\":\"DONE\"}", stale);
        Response owner = api.send("PUT", "/api/projects/" + id + "/owner", COORDINATOR,
                                  "{\"owner\":\"liisa.l\",\"reason\":\"x\"}", stale);
        Response details = api.send("PATCH", "/api/projects/" + id, COORDINATOR, "{\"title\":\"Uusi\",\"reason\":\"x\"}", stale);
        Response correction = api.post("/api/projects/" + id + "/corrections", COORDINATOR,
                                       "{\"changeId\":\"" + changeId + "\",\"status\":\"WAITING\",\"reason\":\"x\"}", stale);

        assertThat(List.of(status, owner, details, correction)).extracting(Response::status).containsOnly(412);
        assertThat(eventCount(id)).isEqualTo(2);
    }

    @Test
    void aCorrection_isAppendedBesideTheOriginal_andAnswersItsOwnChangeId() {
        String id = registered();
        String original = api.post("/api/projects/" + id + "/status-changes", OWNER,
                                   "{\"status\":\"IN_PROGRESS\",\"progressPercent\":60}").json().get("changeId").asText();

        Response corrected = api.post("/api/projects/" + id + "/corrections", COORDINATOR,
                                      "{\"changeId\":\"" + original + "\",\"progressPercent\":70,\"reason\":\"väärä luku\"}");

        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(201);
        assertThat(corrected.json().get("changeId").asText()).isNotEqualTo(original);
        assertThat(storedEvent(id, 1, "payload::jsonb ->> 'progressPercent'")).isEqualTo("60");
        assertThat(storedEvent(id, 2, "payload::jsonb ->> 'correctedChangeId'")).isEqualTo(original);
        assertThat(storedEvent(id, 2, "payload::jsonb ->> 'progressPercent'")).isEqualTo("70");
        assertThat(storedEvent(id, 2, "meta_data::jsonb ->> 'reason'")).isEqualTo("väärä luku");
    }

    @Test
    void aRetractedChange_cannotBeRetractedAgain_409() {
        String id = registered();
        String original = api.post("/api/projects/" + id + "/status-changes", OWNER, "{\"status\":\"DONE\"}")
                             .json().get("changeId").asText();
        String retraction = "{\"changeId\":\"" + original + "\",\"retract\":true,\"reason\":\"väärä hanke\"}";

        assertThat(api.post("/api/projects/" + id + "/corrections", COORDINATOR, retraction).status()).isEqualTo(201);
        Response again = api.post("/api/projects/" + id + "/corrections", COORDINATOR, retraction);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asText()).contains("was retracted");
    }

    @Test
    void anOwner_correctsTheirOwnMistake_inProgress60ToDone_withAnExplicitNullPercentage() {
        String id = registered();
        Response change = api.post("/api/projects/" + id + "/status-changes", OWNER,
                                   "{\"status\":\"IN_PROGRESS\",\"progressPercent\":60,\"note\":\"60 % TEHTY\"}");
        String changeId = change.json().get("changeId").asText();

        Response corrected = api.post("/api/projects/" + id + "/corrections", OWNER, "{\"changeId\":\"" + changeId
                + "\",\"status\":\"DONE\",\"progressPercent\":null,\"note\":null,\"reason\":\"oli jo valmis\"}");

        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(201);
        assertThat(storedEvent(id, 2, "payload::jsonb ->> 'status'")).isEqualTo("DONE");
        assertThat(storedEvent(id, 2, "payload::jsonb ->> 'progressPercent'")).isNull();
        assertThat(storedEvent(id, 2, "payload::jsonb ->> 'note'")).isNull();
    }

    @Test
    void anOwner_cannotCorrectChangesOfAnotherOwnersProject() {
        String id = registered();
        Response change = api.post("/api/projects/" + id + "/status-changes", COORDINATOR, "{\"status\":\"PLANNED\"}");

        Response response = api.post("/api/projects/" + id + "/corrections", TestTokens.mint("liisa.l", "OWNER"),
                                     "{\"changeId\":\"" + change.json().get("changeId").asText()
                                     + "\",\"retract\":true,\"reason\":\"x\"}");

        assertThat(response.status()).isEqualTo(403);
        assertThat(eventCount(id)).isEqualTo(2);
    }

    @Test
    void aCorrectionWithAnExplicitNull_andOneLeavingTheFieldOut_areDifferentRequestsForAnIdempotencyKey() {
        String id = registered();
        Response change = api.post("/api/projects/" + id + "/status-changes", OWNER,
                                   "{\"status\":\"IN_PROGRESS\",\"progressPercent\":60,\"note\":\"x\"}");
        String changeId = change.json().get("changeId").asText();
        Map<String, String> key = Map.of("Idempotency-Key", java.util.UUID.randomUUID().toString());

        Response clearing = api.post("/api/projects/" + id + "/corrections", OWNER, "{\"changeId\":\"" + changeId
                + "\",\"note\":null,\"reason\":\"r\"}", key);
        Response keeping = api.post("/api/projects/" + id + "/corrections", OWNER, "{\"changeId\":\"" + changeId
                + "\",\"reason\":\"r\"}", key);

        assertThat(clearing.status()).as(clearing.toString()).isEqualTo(201);
        assertThat(keeping.status()).as("same key, another request").isEqualTo(422);
    }

    @Test
    void aProjectRegisteredAsOfAPastDay_takesChangesBackdatedToThatDay_butNotBefore() {
        String id = uniqueProjectId();
        Response registered = api.post("/api/projects", COORDINATOR, "{\"projectId\":\"" + id
                + "\",\"sector\":\"TEKNIIKKA\",\"title\":\"Vesimittarit\",\"owner\":\"matti.m\","
                + "\"effectiveDate\":\"2022-01-01\"}");

        Response backdated = api.post("/api/projects/" + id + "/status-changes", OWNER,
                                      "{\"status\":\"IN_PROGRESS\",\"effectiveDate\":\"2023-12-31\"}");
        Response beforeIt = api.post("/api/projects/" + id + "/status-changes", OWNER,
                                     "{\"status\":\"IN_PROGRESS\",\"effectiveDate\":\"2021-12-31\"}");

        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(storedEvent(id, 0, "payload::jsonb ->> 'effectiveDate'")).isEqualTo("2022-01-01");
        assertThat(backdated.status()).as(backdated.toString()).isEqualTo(201);
        assertThat(beforeIt.status()).isEqualTo(400);
        assertThat(beforeIt.json().get("errors").get(0).get("field").asText()).isEqualTo("effectiveDate");
    }

    @Test
    void registeringAsOfAFutureDay_isRefusedNamingTheDate() {
        Response refused = api.post("/api/projects", COORDINATOR, "{\"projectId\":\"" + uniqueProjectId()
                + "\",\"sector\":\"TEKNIIKKA\",\"title\":\"x\",\"owner\":\"matti.m\",\"effectiveDate\":\""
                + java.time.LocalDate.now().plusDays(2) + "\"}");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("effectiveDate");
    }

    @Test
    void aCommandAskingForAnAnswerTheServiceCannotGive_isRefusedBeforeItIsCarriedOut() {
        String id = registered();

        Response refused = api.send("POST", "/api/projects/" + id + "/status-changes", OWNER,
                                    "{\"status\":\"IN_PROGRESS\"}", Map.of("Accept", "text/csv"));
        Response imported = api.send("POST", "/api/imports?effectiveDate=2023-12-31", COORDINATOR,
                                     "id;sector;title;status_text\n" + uniqueProjectId() + ";TEKNIIKKA;x;VALMIS\n",
                                     Map.of("Content-Type", "text/csv", "Accept", "text/html"));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(406);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(eventCount(id)).as("nothing was recorded").isEqualTo(1);
        assertThat(imported.status()).as(imported.toString()).isEqualTo(406);
    }

    @Test
    void assigningAnOwner_andRevisingDetails_areRecordedWithTheirReasons() {
        String id = registered();

        Response owner = api.send("PUT", "/api/projects/" + id + "/owner", COORDINATOR,
                                  "{\"owner\":\"liisa.l\",\"reason\":\"vastuunjako\"}", Map.of());
        Response details = api.send("PATCH", "/api/projects/" + id, COORDINATOR,
                                    "{\"plannedEndYear\":2026,\"reason\":\"aikataulu\"}", Map.of());

        assertThat(owner.status()).as(owner.toString()).isEqualTo(201);
        assertThat(details.status()).as(details.toString()).isEqualTo(201);
        assertThat(details.json().get("version").asLong()).isEqualTo(2);
        assertThat(storedEvent(id, 1, "payload::jsonb ->> 'owner'")).isEqualTo("liisa.l");
        assertThat(storedEvent(id, 1, "payload::jsonb ->> 'previousOwner'")).isEqualTo("matti.m");
        assertThat(storedEvent(id, 2, "payload::jsonb ->> 'plannedEndYear'")).isEqualTo("2026");
        assertThat(storedEvent(id, 2, "payload::jsonb ->> 'title'")).isEqualTo("Vesimittarit");
        assertThat(storedEvent(id, 2, "meta_data::jsonb ->> 'reason'")).isEqualTo("aikataulu");
        assertThat(api.post("/api/projects/" + id + "/status-changes", OWNER, "{\"status\":\"DONE\"}").status())
                .as("matti.m no longer owns it").isEqualTo(403);
    }

    @Test
    void anOwner_cannotReassignTheirProject() {
        String id = registered();
        Response response = api.send("PUT", "/api/projects/" + id + "/owner", OWNER,
                                     "{\"owner\":\"matti.m\",\"reason\":\"x\"}", Map.of());

        assertThat(response.status()).isEqualTo(403);
    }

    private String registered() {
        String id = uniqueProjectId();
        Response response = api.post("/api/projects", COORDINATOR, "{\"projectId\":\"" + id
                + "\",\"sector\":\"TEKNIIKKA\",\"title\":\"Vesimittarit\",\"owner\":\"matti.m\",\"plannedStartYear\":2022,"
                + "\"plannedEndYear\":2025}");
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return id;
    }

    private String firstStatusChangeId(String id) {
        return storedEvent(id, 1, "payload::jsonb ->> 'changeId'");
    }

}
