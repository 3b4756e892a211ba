package fi.tiekartta.command.security;

import fi.tiekartta.command.CommandServiceTestBase;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/SECURITY.md, "CORS": with {@code tiekartta.cors.allowed-origins} naming the roadmap page's origin, that page
 * (and no other) may send commands from the browser; {@link TokenAndHardeningTest} shows it closed by default.
 */
@TestPropertySource(properties = "tiekartta.cors.allowed-origins=http://localhost:8082, https://tiekartta.example.fi")
class CorsForConfiguredOriginsTest extends CommandServiceTestBase {

    private static final String PAGE = "http://localhost:8082";

    @Test
    void aPreflightFromAConfiguredOrigin_isAllowed_withTheHeadersThePageSends() {
        Response preflight = api.send("OPTIONS", "/api/projects/TE-10/status-changes", null, null, Map.of(
                "Origin", PAGE, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization,content-type,if-match,idempotency-key"));

        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).hasValue(PAGE);
        assertThat(preflight.header("Access-Control-Allow-Methods")).hasValueSatisfying(v -> assertThat(v).contains("POST"));
        assertThat(preflight.header("Access-Control-Allow-Headers")).hasValueSatisfying(v -> assertThat(v.toLowerCase())
                .contains("authorization", "content-type", "if-match", "idempotency-key"));
        assertThat(preflight.header("Access-Control-Allow-Credentials")).as("no cookies: bearer tokens only").isEmpty();
    }

    @Test
    void aCommandFromAConfiguredOrigin_isAnswered_withETagAndLocationReadable() {
        String projectId = uniqueProjectId();
        Response registered = api.post("/api/projects", TestTokens.mint("koordinaattori", "COORDINATOR"),
                "{\"projectId\":\"" + projectId + "\",\"sector\":\"TEKNIIKKA\",\"title\":\"x\",\"owner\":\"o\"}",
                Map.of("Origin", PAGE));

        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.header("Access-Control-Allow-Origin")).hasValue(PAGE);
        assertThat(registered.header("Access-Control-Expose-Headers")).hasValueSatisfying(v -> assertThat(v)
                .contains("ETag", "Location"));
    }

    @Test
    void anotherOrigin_isStillRefused() {
        Response preflight = api.send("OPTIONS", "/api/projects", null, null,
                                      Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "POST"));
        Response command = api.post("/api/projects", TestTokens.mint("koordinaattori", "COORDINATOR"),
                "{\"projectId\":\"" + uniqueProjectId() + "\",\"sector\":\"TEKNIIKKA\",\"title\":\"x\",\"owner\":\"o\"}",
                Map.of("Origin", "http://localhost:8083"));

        assertThat(preflight.status()).isEqualTo(403);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEmpty();
        assertThat(command.status()).as("a page of another origin, even on the same host").isEqualTo(403);
    }
}
