package fi.tiekartta.system;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Both services as separate processes on one fresh database, driven over HTTP like real clients. */
class RoadmapEndToEndIT {

    private static RunningSystem system;

    private final String coordinator = TestTokens.mint("koordinaattori", "COORDINATOR");
    private final String owner = TestTokens.mint("matti.m", "OWNER");
    private final String management = TestTokens.mint("johtaja", "MANAGEMENT");

    @BeforeAll
    static void start() {
        system = RunningSystem.start("e2e");
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void anOwnersStatusChange_showsInTheViewAndTheHistory_withTheActorFromTheToken() {
        Response registered = system.commands().post("/api/projects", coordinator, """
                {"projectId":"TE-10","sector":"TEKNIIKKA","title":"Vesimittareiden vaihto etäluettaviksi",
                 "owner":"matti.m","plannedStartYear":2022,"plannedEndYear":2025}""");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

        Response changed = system.commands().post("/api/projects/TE-10/status-changes", owner, """
                {"status":"IN_PROGRESS","progressPercent":60,"note":"60 % TEHTY","reason":"puolet mittareista vaihdettu"}""");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(201);
        String changeId = changed.json().get("changeId").asText();

        JsonNode view = awaitView("TE-10", 1);
        assertThat(view.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(view.get("statusLabel").asText()).isEqualTo("MENEILLÄÄN");
        assertThat(view.get("progressPercent").asInt()).isEqualTo(60);
        assertThat(view.get("owner").asText()).isEqualTo("matti.m");

        JsonNode history = system.queries().get("/api/projects/TE-10/history", management).json();
        JsonNode change = history.get("changes").get(1);
        assertThat(change.get("changeId").asText()).isEqualTo(changeId);
        assertThat(change.get("actor").asText()).isEqualTo("matti.m");
        assertThat(change.get("reason").asText()).isEqualTo("puolet mittareista vaihdettu");
        assertThat(history.get("changes").get(0).get("actor").asText()).isEqualTo("koordinaattori");
    }

    @Test
    void theQueryServicesETag_isTheIfMatchTheCommandServiceExpects() {
        system.commands().post("/api/projects", coordinator, """
                {"projectId":"HV-03","sector":"HYVINVOINTI","title":"Laitteiden hyödyntäminen","owner":"matti.m"}""");
        awaitView("HV-03", 0);
        String etag = system.queries().get("/api/projects/HV-03", management).header("ETag").orElseThrow();

        Response first = system.commands().post("/api/projects/HV-03/status-changes", owner,
                                                "{\"status\":\"IN_PROGRESS\"}", java.util.Map.of("If-Match", etag));
        Response stale = system.commands().post("/api/projects/HV-03/status-changes", owner,
                                                "{\"status\":\"DONE\"}", java.util.Map.of("If-Match", etag));

        assertThat(first.status()).isEqualTo(201);
        assertThat(stale.status()).isEqualTo(412);
    }

    @Test
    void bothServicesDescribeTheirApi_andReportHealth_withoutAToken() {
        JsonNode commandApi = system.commands().get("/v3/api-docs", null).json();
        JsonNode queryApi = system.queries().get("/v3/api-docs", null).json();

        assertThat(commandApi.get("paths").has("/api/projects/{projectId}/status-changes")).isTrue();
        assertThat(queryApi.get("paths").has("/api/projects/{projectId}/history")).isTrue();
        assertThat(queryApi.at("/components/securitySchemes/bearer-jwt/scheme").asText()).isEqualTo("bearer");
        assertThat(system.queries().get("/actuator/prometheus", null).body()).contains("jvm_memory_used_bytes");
    }

    private JsonNode awaitView(String projectId, long version) {
        JsonNode[] view = new JsonNode[1];
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).until(() -> {
            Response response = system.queries().get("/api/projects/" + projectId, management);
            view[0] = response.status() == 200 ? response.json() : null;
            return view[0] != null && view[0].get("version").asLong() == version;
        });
        return view[0];
    }
}
