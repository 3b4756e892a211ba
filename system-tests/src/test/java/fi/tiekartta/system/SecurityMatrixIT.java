package fi.tiekartta.system;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tiekartta.testsupport.HttpApi;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * Walks the access matrix of docs/SECURITY.md against both running services: every row with no token and with
 * a token of every role. The document is the authority; an endpoint a service publishes without a row in it
 * fails this test, and so does one that docs/API.md does not describe.
 */
class SecurityMatrixIT {

    private static final Path MATRIX = Path.of("..", "docs", "SECURITY.md");
    private static final Path API = Path.of("..", "docs", "API.md");
    /** How docs/API.md names an endpoint: {@code `GET /api/roadmap?asOf=…`}. */
    private static final Pattern API_ENDPOINT = Pattern.compile("`(GET|POST|PUT|PATCH|DELETE) (/[^`?\\s]*)");
    private static final List<String> ROLES = List.of("OWNER", "COORDINATOR", "AUDITOR", "MANAGEMENT", "ADMIN");
    /** The owner token's subject owns the project every request is about. */
    private static final String OWNER_SUBJECT = "omistaja";
    private static final String PROJECT = "SEC-01";
    private static final AtomicInteger UNIQUE = new AtomicInteger();
    private static final String OPEN = "open";

    private static RunningSystem system;
    private static String changeId;

    /** One row of the matrix: who may send this request. {@code own} rows allow owners on their own projects. */
    record Row(String service, String method, String path, Map<String, String> access) {
        String endpoint() {
            return service + " " + method + " " + normalised(path);
        }

        /** Open data: answered without a token, and to every role alike. */
        boolean open() {
            return access.values().stream().allMatch(OPEN::equals);
        }
    }

    @BeforeAll
    static void start() {
        // The public roadmap on, so that its endpoints are published and walked like every other.
        system = RunningSystem.start("matrix", Map.of("TIEKARTTA_PUBLIC_ENABLED", "true"));
        Response registered = system.commands().post("/api/projects", TestTokens.mint("k", "COORDINATOR"),
                "{\"projectId\":\"" + PROJECT + "\",\"sector\":\"TEKNIIKKA\",\"title\":\"Matriisi\",\"owner\":\"" + OWNER_SUBJECT + "\"}");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        changeId = system.commands().post("/api/projects/" + PROJECT + "/status-changes", TestTokens.mint("k", "COORDINATOR"),
                                          "{\"status\":\"IN_PROGRESS\"}").json().get("changeId").asText();
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void everyPublishedEndpoint_hasARowInTheMatrix() throws IOException {
        Set<String> documented = new TreeSet<>(matrix().stream().map(Row::endpoint).toList());

        Set<String> published = new TreeSet<>();
        published.addAll(endpointsOf("command", system.commands()));
        published.addAll(endpointsOf("query", system.queries()));

        assertThat(documented).as("rows of docs/SECURITY.md").containsAll(published);
        assertThat(published).as("every row names an endpoint that exists").containsAll(documented);
    }

    @Test
    void everyPublishedEndpoint_isDescribedInTheApiDocument() throws IOException {
        Set<String> described = new TreeSet<>();
        Matcher endpoint = API_ENDPOINT.matcher(Files.readString(API));
        while (endpoint.find()) {
            described.add(endpoint.group(1) + " " + normalised(endpoint.group(2)));
        }

        Set<String> published = new TreeSet<>();
        for (String service : List.of("command", "query")) {
            endpointsOf(service, service.equals("command") ? system.commands() : system.queries())
                    .forEach(e -> published.add(e.substring(service.length() + 1)));
        }

        assertThat(described).as("endpoints docs/API.md describes").containsAll(published);
    }

    @Test
    void everyRow_holdsForNoTokenAndForEveryRole() throws IOException {
        List<Row> rows = matrix();
        assertThat(rows).hasSizeGreaterThan(10);
        assertSoftly(softly -> {
            for (Row row : rows) {
                Response anonymous = send(row, null);
                if (row.open()) {
                    softly.assertThat(anonymous.status()).as("%s without a token: %s", row.endpoint(), anonymous)
                          .isNotIn(401, 403, 404);
                } else {
                    softly.assertThat(anonymous.status()).as("%s without a token", row.endpoint()).isEqualTo(401);
                }
                for (String role : ROLES) {
                    String subject = role.equals("OWNER") ? OWNER_SUBJECT : role.toLowerCase();
                    Response answer = send(row, TestTokens.mint(subject, role));
                    String access = row.access().get(role);
                    if (access.equals("–")) {
                        softly.assertThat(answer.status()).as("%s as %s: %s", row.endpoint(), role, answer).isEqualTo(403);
                    } else {
                        softly.assertThat(answer.status()).as("%s as %s: %s", row.endpoint(), role, answer).isNotIn(401, 403);
                    }
                }
            }
        });
    }

    @Test
    void anOwner_isRefusedOnSomeoneElsesProject_whereTheMatrixSaysOwn() throws IOException {
        String stranger = TestTokens.mint("toinen.omistaja", "OWNER");
        for (Row row : matrix()) {
            if ("own".equals(row.access().get("OWNER"))) {
                assertThat(send(row, stranger).status()).as(row.endpoint()).isEqualTo(403);
            }
        }
    }

    @Test
    void theOpenEndpoints_answerWithoutAToken() {
        for (HttpApi api : List.of(system.commands(), system.queries())) {
            assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
            assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(200);
            assertThat(api.get("/v3/api-docs", null).status()).isEqualTo(200);
        }
    }

    private static Response send(Row row, String token) {
        HttpApi api = row.service().equals("command") ? system.commands() : system.queries();
        String path = row.path().replace("{year}", "2023").replaceAll("\\{[^}]+}", PROJECT);
        String body = bodyFor(row);
        Map<String, String> headers = row.path().equals("/api/imports")
                ? Map.of("Content-Type", "text/csv") : Map.of();
        if (row.path().equals("/api/imports")) {
            path += "?effectiveDate=2023-12-31";
        }
        return api.send(row.method(), path, token, body, headers);
    }

    private static String bodyFor(Row row) {
        String id = "SEC-N" + UNIQUE.incrementAndGet();
        return switch (row.method() + " " + row.path()) {
            case "POST /api/projects" -> "{\"projectId\":\"" + id + "\",\"sector\":\"TEKNIIKKA\",\"title\":\"x\",\"owner\":\"o\"}";
            case "PATCH /api/projects/{id}" -> "{\"description\":\"kuvaus\",\"reason\":\"tarkennus\"}";
            case "PUT /api/projects/{id}/owner" -> "{\"owner\":\"" + OWNER_SUBJECT + "\",\"reason\":\"vahvistus\"}";
            case "POST /api/projects/{id}/status-changes" -> "{\"status\":\"IN_PROGRESS\"}";
            case "POST /api/projects/{id}/corrections" -> "{\"changeId\":\"" + changeId + "\",\"note\":\"n\",\"reason\":\"r\"}";
            case "POST /api/imports" -> "id;sector;title;status_text\n" + id + ";TEKNIIKKA;Tuotu;VALMIS\n";
            case "POST /api/reporting-rounds" -> "{\"title\":\"Kierros\",\"asOf\":\"2023-12-31\",\"dueDate\":\"2024-01-15\"}";
            default -> row.method().equals("GET") ? null : "";
        };
    }

    static List<Row> matrix() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(MATRIX)) {
            if (!line.startsWith("| command |") && !line.startsWith("| query |")) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String cell : line.substring(1, line.length() - 1).split("\\|")) {
                cells.add(cell.trim());
            }
            Map<String, String> access = new java.util.LinkedHashMap<>();
            Iterator<String> values = cells.subList(3, cells.size()).iterator();
            ROLES.forEach(role -> access.put(role, values.next()));
            rows.add(new Row(cells.get(0), cells.get(1), cells.get(2), access));
        }
        return rows;
    }

    private static Set<String> endpointsOf(String service, HttpApi api) {
        JsonNode paths = api.get("/v3/api-docs", null).json().get("paths");
        Set<String> endpoints = new TreeSet<>();
        paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method ->
                endpoints.add(service + " " + method.toUpperCase() + " " + normalised(path.getKey()))));
        return endpoints;
    }

    /** Path variables compare by position, not by name. */
    private static String normalised(String path) {
        return path.replaceAll("\\{[^}]+}", "{}");
    }
}
