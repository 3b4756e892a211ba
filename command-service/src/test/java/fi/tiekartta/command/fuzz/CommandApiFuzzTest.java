package fi.tiekartta.command.fuzz;

import fi.tiekartta.command.CommandServiceTestBase;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.web.ServerProperties;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/RELIABILITY.md, bad input: random and malformed bodies, headers, dates, numbers, Unicode and CSVs at every
 * command endpoint. Whatever comes in, the answer is never a 5xx, and a refused request writes nothing: neither
 * events nor idempotency keys.
 */
class CommandApiFuzzTest extends CommandServiceTestBase {

    private static final int REQUESTS_PER_SEED = 200;
    private static final String COORDINATOR = TestTokens.mint("koordinaattori", "COORDINATOR");
    private static final String OWNER = TestTokens.mint("matti.m", "OWNER");
    /**
     * Room for the rest of the request line and the headers the JDK client adds itself (Host, User-Agent,
     * Content-Length, its HTTP/2 upgrade offer): a few hundred bytes, with a margin.
     */
    private static final int CLIENT_HEAD_ALLOWANCE = 1024;

    @Autowired
    private ServerProperties server;

    private String project;
    private String round;

    @BeforeEach
    void aProjectToAimAt() {
        project = uniqueProjectId();
        api.post("/api/projects", COORDINATOR, "{\"projectId\":\"" + project
                + "\",\"sector\":\"TEKNIIKKA\",\"title\":\"Kohde\",\"owner\":\"matti.m\"}");
        round = api.post("/api/reporting-rounds", COORDINATOR,
                         "{\"title\":\"Kierros\",\"asOf\":\"2023-12-31\",\"dueDate\":\"2024-01-15\"}")
                   .json().get("roundId").asText();
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 23, 42, 97})
    void hostileRequests_neverGetA5xx_andRefusedOnesWriteNothing(long seed) {
        HostileInput hostile = new HostileInput(seed);
        int refused = 0;
        for (int i = 0; i < REQUESTS_PER_SEED; i++) {
            long eventsBefore = eventCount();
            long keysBefore = idempotencyKeys();
            Response response = sendOne(hostile);

            assertThat(response.status()).as("seed %d request %d: %s", seed, i, response).isLessThan(500);
            if (response.status() >= 400) {
                refused++;
                assertThat(response.contentType()).as("seed %d request %d", seed, i).startsWith("application/problem+json");
                assertThat(eventCount()).as("seed %d request %d wrote events: %s", seed, i, response).isEqualTo(eventsBefore);
                assertThat(idempotencyKeys()).as("seed %d request %d kept a key", seed, i).isEqualTo(keysBefore);
            }
        }
        assertThat(refused).as("the input is hostile enough to be refused mostly").isGreaterThan(REQUESTS_PER_SEED / 2);
    }

    private Response sendOne(HostileInput hostile) {
        Map<String, String> headers = new HashMap<>();
        if (hostile.nextInt(3) == 0) {
            headers.put("If-Match", hostile.header());
        }
        if (hostile.nextInt(3) == 0) {
            headers.put("Idempotency-Key", hostile.header());
        }
        if (hostile.nextInt(4) == 0) {
            headers.put("X-Correlation-Id", hostile.header());
        }
        if (hostile.nextInt(10) == 0) {
            headers.put("Content-Type", hostile.pick(List.of("text/plain", "application/xml", "application/json; charset=latin1",
                                                              "multipart/form-data", "application/json;;")));
        }
        String target = hostile.nextInt(5) == 0 ? encode(hostile.text()) : project;
        String token = hostile.nextInt(2) == 0 ? COORDINATOR : OWNER;
        return switch (hostile.nextInt(8)) {
            case 0 -> send("POST", "/api/projects", token, hostile.jsonBody(List.of(
                    "projectId", "sector", "title", "owner", "plannedStartYear", "plannedEndYear", "description")), headers);
            case 1 -> send("POST", "/api/projects/" + target + "/status-changes", token, hostile.jsonBody(List.of(
                    "status", "effectiveDate", "progressPercent", "targetYear", "scheduledFor", "unit", "note", "reason")), headers);
            case 2 -> send("POST", "/api/projects/" + target + "/corrections", token, hostile.jsonBody(List.of(
                    "changeId", "status", "effectiveDate", "progressPercent", "retract", "note", "reason")), headers);
            case 3 -> send("PUT", "/api/projects/" + target + "/owner", token,
                           hostile.jsonBody(List.of("owner", "effectiveDate", "reason")), headers);
            case 4 -> send("PATCH", "/api/projects/" + target, token, hostile.jsonBody(List.of(
                    "title", "description", "plannedStartYear", "plannedEndYear", "effectiveDate", "reason")), headers);
            case 5 -> send("POST", "/api/reporting-rounds", token,
                           hostile.jsonBody(List.of("title", "asOf", "dueDate")), headers);
            case 6 -> send("POST", "/api/reporting-rounds/" + (hostile.nextInt(3) == 0 ? round : target) + "/close",
                           token, null, headers);
            default -> {
                headers.putIfAbsent("Content-Type", "text/csv");
                yield send("POST", "/api/imports?effectiveDate=" + encode(hostile.date()), COORDINATOR, hostile.csv(), headers);
            }
        };
    }

    /**
     * Sends a hostile request, without its body when its head may be over the server's limit. Tomcat refuses such
     * a head while parsing it: it answers 400 and closes the connection without reading the rest. A JDK client
     * still writing the body then meets a broken pipe and reports that ("HTTP/1.1 header parser received no
     * bytes") instead of the 400 already sent. Over the limit, the body is never read, so leaving it out changes
     * nothing the server sees; within the limit after all, the request is one more without a body. Either way its
     * answer is checked like any other.
     */
    private Response send(String method, String path, String token, String body, Map<String, String> headers) {
        return api.send(method, path, token, headMayBeRefused(path, token, headers) ? null : body, headers);
    }

    private boolean headMayBeRefused(String path, String token, Map<String, String> headers) {
        long head = CLIENT_HEAD_ALLOWANCE + path.length() + "Authorization: Bearer \r\n".length() + token.length();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            head += header.getKey().length() + ": \r\n".length() + header.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        return head > server.getMaxHttpRequestHeaderSize().toBytes();
    }

    private long idempotencyKeys() {
        return jdbc.queryForObject("SELECT count(*) FROM event_store.idempotency_key", Long.class);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
