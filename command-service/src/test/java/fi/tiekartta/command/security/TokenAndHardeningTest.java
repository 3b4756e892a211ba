package fi.tiekartta.command.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import fi.tiekartta.command.CommandServiceTestBase;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/SECURITY.md: token validation and the hardening every request gets. */
class TokenAndHardeningTest extends CommandServiceTestBase {

    private static final String BODY = "{\"projectId\":\"SEC-X\",\"sector\":\"TEKNIIKKA\",\"title\":\"x\",\"owner\":\"o\"}";

    @Test
    void aTokenWithAlgNone_isRefused() {
        String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String claims = base64("{\"sub\":\"hyokkaaja\",\"roles\":[\"COORDINATOR\"],\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}");

        assertThat(register(header + "." + claims + ".").status()).isEqualTo(401);
    }

    @Test
    void aTokenSignedWithAnotherHmacAlgorithm_isRefused_evenWithTheRightKey() throws Exception {
        String secret = TestTokens.SECRET + TestTokens.SECRET; // HS512 wants 64 bytes; the service accepts HS256 only
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), claims("hyokkaaja", Instant.now().plusSeconds(600)));
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));

        assertThat(register(jwt.serialize()).status()).isEqualTo(401);
    }

    @Test
    void aTokenWhosePayloadWasEdited_isRefused() {
        String[] parts = TestTokens.mint("matti.m", "OWNER").split("\\.");
        String forged = base64("{\"sub\":\"matti.m\",\"roles\":[\"COORDINATOR\"],\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}");

        assertThat(register(parts[0] + "." + forged + "." + parts[2]).status()).isEqualTo(401);
    }

    @Test
    void aTokenExpiredLongerAgoThanTheAllowedClockSkew_isRefused_butOneWithinItIsNot() {
        String expired = TestTokens.mint(TestTokens.SECRET, "k", Instant.now().minus(Duration.ofMinutes(2)), "COORDINATOR");
        String justNow = TestTokens.mint(TestTokens.SECRET, "k", Instant.now().minus(Duration.ofSeconds(5)), "COORDINATOR");

        assertThat(register(expired).status()).isEqualTo(401);
        Response withinSkew = register(justNow);
        assertThat(withinSkew.status()).as("within the 30 s skew: " + withinSkew.header("WWW-Authenticate")).isNotIn(401, 403);
    }

    @Test
    void aTokenWithoutSubject_isRefused() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).claim("roles", List.of("COORDINATOR")).build());
        jwt.sign(new MACSigner(TestTokens.SECRET.getBytes(StandardCharsets.UTF_8)));

        assertThat(register(jwt.serialize()).status()).isEqualTo(401);
    }

    @Test
    void aDeclaredBodyOverTheLimit_isRefusedWith413_beforeItIsSent() throws Exception {
        // Only the head of the request goes out: the answer must come without a byte of the 25 MB being read.
        // (A client that sends the body races the server closing the connection, and may see a reset instead.)
        URI server = URI.create(baseUrl());
        try (java.net.Socket socket = new java.net.Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            String head = "POST /api/projects HTTP/1.1\r\nHost: " + server.getAuthority() + "\r\n"
                    + "Authorization: Bearer " + TestTokens.mint("k", "COORDINATOR") + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + 25 * 1024 * 1024 + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            List<String> answerHead = new java.io.BufferedReader(new java.io.InputStreamReader(
                    socket.getInputStream(), StandardCharsets.US_ASCII)).lines().takeWhile(line -> !line.isEmpty()).toList();

            assertThat(answerHead.get(0)).startsWith("HTTP/1.1 413");
            assertThat(answerHead).anySatisfy(h -> assertThat(h).startsWithIgnoringCase("Content-Type: application/problem+json"));
        }
    }

    @Test
    void aChunkedBodyOverTheLimit_isRefusedWith413_whenTheCountPassesIt() throws Exception {
        // 1 MB over the 20 MB limit: less than Tomcat drains after an answer, so the whole body is sent before
        // the connection closes and the client reliably sees the 413 (a larger body races the close).
        byte[] overByOneMegabyte = new byte[21 * 1024 * 1024];
        java.util.Arrays.fill(overByOneMegabyte, (byte) ' ');
        HttpResponse<String> chunked = post(HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(overByOneMegabyte)));

        assertThat(chunked.statusCode()).as("a chunked body is counted as it is read").isEqualTo(413);
    }

    @Test
    void aTenMegabyteRoadmapCsv_passesTheBodyLimit() throws Exception {
        StringBuilder csv = new StringBuilder("id;sector;title;status_text;description\n");
        String description = "Kuvaus ".repeat(560); // a long description per row, as a real roadmap might have
        for (int row = 0; csv.length() < 10 * 1024 * 1024; row++) {
            csv.append("BIG-").append(row).append(";TEKNIIKKA;Iso hanke;MENEILLÄÄN;").append(description).append('\n');
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/api/imports?effectiveDate=2023-12-31"))
                           .header("Authorization", "Bearer " + TestTokens.mint("k", "COORDINATOR"))
                           .header("Content-Type", "text/csv")
                           .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(),
                HttpResponse.BodyHandlers.ofString());

        // read and judged on its rows (this one has more than an import takes), not refused for its size
        assertThat(response.statusCode()).as(response.body()).isNotEqualTo(413).isLessThan(500);
    }

    @Test
    void aControlCharacterInAHeaderValue_isRefusedByTheFirewall_asAProblem_aLatinLetterIsNot() throws Exception {
        // Tomcat reads header bytes as ISO-8859-1 and lets 0x80-0xFF through: 0x85 arrives as U+0085, a C1
        // control character only the firewall refuses; 0xE4 arrives as U+00E4, a letter.
        List<String> refused = healthWithNote((byte) 0x85);
        List<String> passed = healthWithNote((byte) 0xE4);

        assertThat(refused.get(0)).startsWith("HTTP/1.1 400");
        assertThat(refused).anySatisfy(h -> assertThat(h).startsWithIgnoringCase("Content-Type: application/problem+json"));
        assertThat(passed.get(0)).startsWith("HTTP/1.1 200");
    }

    private List<String> healthWithNote(byte inNote) throws Exception {
        URI server = URI.create(baseUrl());
        try (java.net.Socket socket = new java.net.Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
            head.writeBytes(("GET /actuator/health HTTP/1.1\r\nHost: " + server.getAuthority() + "\r\n"
                             + "Connection: close\r\nX-Note: a").getBytes(StandardCharsets.US_ASCII));
            head.write(inNote);
            head.writeBytes("b\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(head.toByteArray());
            socket.getOutputStream().flush();
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
                    .lines().takeWhile(line -> !line.isEmpty()).toList();
        }
    }

    @Test
    void errorAnswers_carryNoStackTraceOrSql() {
        Response response = api.post("/api/projects", TestTokens.mint("k", "COORDINATOR"), "{\"projectId\":");

        assertThat(response.body()).doesNotContain("Exception", "at fi.", "at org.", "SELECT", "INSERT");
    }

    @Test
    void answersCarrySecurityHeaders_andCorsIsClosed() {
        Response preflight = api.send("OPTIONS", "/api/projects", null, null,
                                      Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "POST"));
        Response answer = api.get("/actuator/health", null);

        assertThat(preflight.header("Access-Control-Allow-Origin")).isEmpty();
        assertThat(preflight.status()).isEqualTo(403);
        assertThat(answer.header("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(answer.header("X-Frame-Options")).hasValue("DENY");
        assertThat(answer.header("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    }

    private Response register(String token) {
        return api.post("/api/projects", token, BODY.replace("SEC-X", uniqueProjectId()));
    }

    private HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/api/projects"))
                           .header("Authorization", "Bearer " + TestTokens.mint("k", "COORDINATOR"))
                           .header("Content-Type", "application/json")
                           .POST(body).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JWTClaimsSet claims(String subject, Instant expiresAt) {
        return new JWTClaimsSet.Builder().subject(subject).expirationTime(Date.from(expiresAt))
                                         .claim("roles", List.of("COORDINATOR")).build();
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
