package fi.tiekartta.command.importing;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tiekartta.command.CommandServiceTestBase;
import fi.tiekartta.events.ProjectRegisteredEvent;
import fi.tiekartta.events.ProjectStatusChangedEvent;
import fi.tiekartta.support.eventstore.EventStoreTables;
import fi.tiekartta.support.time.RoadmapTime;
import fi.tiekartta.support.web.CorrelationIds;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/imports} over HTTP against the real PostgreSQL: what an accepted import stores, and that a
 * refused one stores nothing at all.
 *
 * <p>The module's tests share one database, and other tests register ids in the roadmap's own style (LV-01 …),
 * so the Heinola file is imported with each id given a prefix of this run; everything else in it is as it is.
 */
class RoadmapImportApiTest extends CommandServiceTestBase {

    private static final Path HEINOLA_CSV = Path.of("..", "data", "heinola-digitiekartta.csv");
    private static final String HEADER = "id;sector;title;status_text";
    private static final String COORDINATOR_SUBJECT = "kaisa.koordinaattori";
    private static final String COORDINATOR = TestTokens.mint(COORDINATOR_SUBJECT, "COORDINATOR");
    private static final String OWNER = TestTokens.mint("matti.m", "OWNER");
    private static final String CSV = "text/csv; charset=utf-8";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String STATUS_CHANGED = ProjectStatusChangedEvent.class.getName();
    private static final String REGISTERED = ProjectRegisteredEvent.class.getName();

    // --- the Heinola roadmap -------------------------------------------------------------------------------

    /**
     * The counts read by hand from data/heinola-digitiekartta.csv (and the source document): 57 projects;
     * every row but HV-07 says the project's own status, HV-07 says only its units' (VAKA SIIRTYY V. 2027,
     * KOULUT VALMIS), and TE-03 adds a unit to its own (TOTEUTETTU, KOULUT POHDINNASSA). So 56 project-level
     * changes and 3 unit changes: 59 changes, 116 events with the registrations.
     */
    private static final Map<String, Long> PROJECT_LEVEL_CHANGES = Map.ofEntries(
            entry("IN_PROGRESS", 25L),   // KH 9, EV 4, HV-03, TE 3, LV 4, YP 4 (incl. "MENEILLÄÄN 2023" and "- DIGITURVALLA …")
            entry("NOT_STARTED", 7L),    // KH-04/07/10/12/13 (empty), HV-09, YP-02
            entry("DONE", 9L),           // HV-01/02/04/06/10, TE-03 (TOTEUTETTU), LV-02/05/07
            entry("POSTPONED", 4L),      // EV-04 → 2025, HV-05 → 2024, HV-08 → 2027, YP-07 → 2024
            entry("INVESTIGATING", 3L),  // TE-04, TE-06 (SELVITETÄÄN …), TE-12 (… SUUNNITTELUSSA)
            entry("PLANNED", 3L),        // TE-05 (TULOSSA), TE-08 (TOTEUTUS Q1/24), TE-11 (HANKINTA Q1/24?)
            entry("NOT_NEEDED", 2L),     // TE-02 (EI TARVETTA …), TE-07 (EI LIITETÄ …)
            entry("IN_USE", 1L),         // EV-01
            entry("MERGED", 1L),         // HV-11
            entry("WAITING", 1L));       // YP-06
    private static final Map<String, Long> UNIT_CHANGES = Map.of(
            "VAKA POSTPONED", 1L, "KOULUT DONE", 1L, "KOULUT INVESTIGATING", 1L);
    private static final Map<String, Long> PROJECTS_BY_SECTOR = Map.of(
            "KAUPUNKI", 14L, "ELINVOIMA", 6L, "HYVINVOINTI", 11L, "TEKNIIKKA", 12L,
            "LUPA_JA_VALVONTA", 7L, "YHTEISET_PALVELUT", 7L);

    /** For the one request whose body is raw bytes, which the JSON-minded test client cannot send. */
    @LocalServerPort
    private int serverPort;

    @Test
    void importingTheHeinolaRoadmap_registers57Projects_withTheStatusesTheDocumentGives() throws IOException {
        String prefix = "H" + UUID.randomUUID().toString().substring(0, 5) + "-";
        String csv = withIdPrefix(Files.readString(HEINOLA_CSV, StandardCharsets.UTF_8), prefix);
        String correlationId = "heinola-" + prefix.substring(0, 6);
        long before = eventCount();

        Response response = importCsv("2023-12-31", csv, Map.of(CorrelationIds.HEADER, correlationId));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode summary = response.json();
        assertThat(summary.path("effectiveDate").asText()).isEqualTo("2023-12-31");
        assertThat(summary.path("projects").asInt()).isEqualTo(57);
        assertThat(summary.path("statusChanges").asInt()).isEqualTo(59);
        assertThat(summary.path("projectIds")).hasSize(57);
        assertThat(summary.path("projectIds").get(0).asText()).isEqualTo(prefix + "KH-01");
        assertThat(summary.path("projectIds").get(56).asText()).isEqualTo(prefix + "YP-07");

        assertThat(eventCount() - before).isEqualTo(116);
        assertThat(countBy("payload::jsonb ->> 'sector'", REGISTERED, correlationId, "true")).isEqualTo(PROJECTS_BY_SECTOR);
        assertThat(countBy("payload::jsonb ->> 'status'", STATUS_CHANGED, correlationId,
                           "payload::jsonb ->> 'unit' IS NULL")).isEqualTo(PROJECT_LEVEL_CHANGES);
        assertThat(countBy("(payload::jsonb ->> 'unit') || ' ' || (payload::jsonb ->> 'status')", STATUS_CHANGED,
                           correlationId, "payload::jsonb ->> 'unit' IS NOT NULL")).isEqualTo(UNIT_CHANGES);
        assertThat(countBy("payload::jsonb ->> 'unit'", STATUS_CHANGED, correlationId,
                           "payload::jsonb ->> 'unit' IS NOT NULL")).isEqualTo(Map.of("VAKA", 1L, "KOULUT", 2L));
        assertThat(countBy("(payload::jsonb ->> 'effectiveDate') || ' by ' || (meta_data::jsonb ->> 'actor')",
                           null, correlationId, "true"))
                .isEqualTo(Map.of("2023-12-31 by " + COORDINATOR_SUBJECT, 116L));

        assertThat(storedEvent(prefix + "HV-03", 1, "payload::jsonb ->> 'progressPercent'")).isEqualTo("70");
        assertThat(storedEvent(prefix + "HV-03", 1, "payload::jsonb ->> 'note'")).isEqualTo("tot. 70 %");
        assertThat(storedEvent(prefix + "TE-10", 1, "payload::jsonb ->> 'progressPercent'")).isEqualTo("60");
        assertThat(storedEvent(prefix + "TE-10", 1, "payload::jsonb ->> 'note'")).isEqualTo("60 % TEHTY");
        assertThat(storedEvent(prefix + "EV-04", 1, "payload::jsonb ->> 'targetYear'")).isEqualTo("2025");
        assertThat(storedEvent(prefix + "TE-08", 1, "payload::jsonb ->> 'scheduledFor'")).isEqualTo("2024-Q1");
        assertThat(storedEvent(prefix + "TE-11", 1, "payload::jsonb ->> 'note'")).isEqualTo("HANKINTA Q1/24?");
        assertThat(storedEvent(prefix + "HV-11", 1, "payload::jsonb ->> 'note'")).isEqualTo("URHEILUPUISTON REMONTTIA");
        assertThat(storedEvent(prefix + "EV-01", 1, "payload::jsonb ->> 'note'")).isEqualTo("JATKO MIETINNÄSSÄ");
        assertThat(storedEvent(prefix + "EV-01", 1, "meta_data::jsonb ->> 'reason'")).isEqualTo(ProjectImport.REASON);
        assertThat(eventCount(prefix + "HV-07")).isEqualTo(3);
        assertThat(storedEvent(prefix + "HV-07", 1, "(payload::jsonb ->> 'unit') || ' ' || (payload::jsonb ->> 'targetYear')"))
                .isEqualTo("VAKA 2027");
        assertThat(storedEvent(prefix + "HV-07", 2, "payload::jsonb ->> 'unit'")).isEqualTo("KOULUT");
        assertThat(storedEvent(prefix + "TE-03", 1, "coalesce(payload::jsonb ->> 'unit', '-') || ' ' || (payload::jsonb ->> 'status')"))
                .isEqualTo("- DONE");
        assertThat(storedEvent(prefix + "TE-03", 2, "(payload::jsonb ->> 'unit') || ' ' || (payload::jsonb ->> 'status')"))
                .isEqualTo("KOULUT INVESTIGATING");
        assertThat(storedEvent(prefix + "KH-04", 0, "payload::jsonb ->> 'owner'")).as("unassigned").isNull();
    }

    // --- everything that can be said about a file, said at once -------------------------------------------

    @Test
    void import_fails_withBadRequest_listingEveryBadRowByLineAndId_andStoresNothing() {
        String p = uniqueProjectId() + "-";
        String csv = csv(
                p + "A1;TEKNIIKKA;Hyvä rivi;VALMIS",                          // line 2: fine
                p + "A2;TEKNIIKKA;Tuntematon fraasi;HYVÄÄ JOULUA",            // line 3: the parser
                p + "A3;PUOLUSTUS;Tuntematon toimiala;VALMIS",                // line 4: the aggregate
                p + "A1;TEKNIIKKA;Sama tunnus uudelleen;VALMIS",              // line 5: duplicate id
                ";TEKNIIKKA;Ei tunnusta;VALMIS",                              // line 6: no id
                p + "A4;TEKNIIKKA;Liian vähän kenttiä",                       // line 7: three fields
                p + "A5;TEKNIIKKA;Menneeseen siirretty;SIIRTYY V. 2019",      // line 8: the aggregate, on the change
                p + "A6;HYVINVOINTI;;VAKA SIIRTYY");                           // line 9: two things at once
        long before = eventCount();

        Response response = importCsv("2024-06-30", csv);

        assertProblem(response, 400);
        assertThat(errorFields(response)).containsExactly(
                "line 3 (" + p + "A2) status_text",
                "line 4 (" + p + "A3) sector",
                "line 5 (" + p + "A1) id",
                "line 6 id",
                "line 7 (" + p + "A4) row",
                "line 8 (" + p + "A5) status_text",
                "line 9 (" + p + "A6) status_text",
                "line 9 (" + p + "A6) title");
        assertThat(errorMessage(response, "line 5 (" + p + "A1) id")).contains("line 2");
        assertThat(errorMessage(response, "line 8 (" + p + "A5) status_text")).contains("targetYear");
        JsonNode rows = response.json().path("rows");
        assertThat(rows.findValuesAsText("line")).containsExactly("3", "4", "5", "6", "7", "8", "9");
        assertThat(rows.get(6).path("projectId").asText()).isEqualTo(p + "A6");
        assertThat(rows.get(6).path("errors")).hasSize(2);
        assertThat(eventCount()).isEqualTo(before);
        assertThat(eventCount(p + "A1")).isZero();
    }

    @Test
    void import_fails_withConflict_namingTheRowWhoseProjectExists_andStoresNothing() {
        String p = uniqueProjectId() + "-";
        assertThat(importCsv("2024-01-31", csv(p + "1;TEKNIIKKA;Ensimmäinen;VALMIS",
                                              p + "2;TEKNIIKKA;Toinen;MENEILLÄÄN")).status()).isEqualTo(201);
        long before = eventCount();

        Response response = importCsv("2024-02-29", csv(p + "3;TEKNIIKKA;Uusi;TULOSSA",
                                                        p + "2;ELINVOIMA;Toinen taas;VALMIS"));

        assertProblem(response, 409);
        assertThat(errorFields(response)).containsExactly("line 3 (" + p + "2) id");
        assertThat(response.json().path("rows").get(0).path("line").asInt()).isEqualTo(3);
        assertThat(eventCount()).isEqualTo(before);
        assertThat(eventCount(p + "3")).isZero();
        assertThat(storedEvent(p + "2", 0, "payload::jsonb ->> 'sector'")).isEqualTo("TEKNIIKKA");
    }

    // --- all or nothing --------------------------------------------------------------------------------------

    @Test
    void import_storesNothing_whenOnlyTheLastRowIsRefused_byTheAggregate() {
        String p = uniqueProjectId() + "-";
        List<String> rows = goodRows(p, 30);
        rows.add(p + "last;PUOLUSTUS;Viimeinen rivi;VALMIS"); // only the aggregate knows the sectors
        long before = eventCount();

        Response response = importCsv("2024-04-30", csv(rows.toArray(String[]::new)));

        assertProblem(response, 400);
        assertThat(errorFields(response)).containsExactly("line 32 (" + p + "last) sector");
        assertThat(eventCount()).isEqualTo(before);
        assertThat(eventCount(p + "1")).isZero();
        assertThat(eventCount(p + "30")).isZero();
    }

    @Test
    void import_storesNothing_whenTheLastRowsStatusChangeIsRefused_afterItsRegistrationWasAccepted() {
        String p = uniqueProjectId() + "-";
        List<String> rows = goodRows(p, 20);
        rows.add(p + "last;TEKNIIKKA;Viimeinen rivi;SIIRTYY V. 2019"); // before the effective year
        long before = eventCount();

        Response response = importCsv("2024-05-31", csv(rows.toArray(String[]::new)));

        assertProblem(response, 400);
        assertThat(errorFields(response)).containsExactly("line 22 (" + p + "last) status_text");
        assertThat(eventCount()).isEqualTo(before);
        assertThat(eventCount(p + "last")).isZero();
    }

    // --- the file's form ------------------------------------------------------------------------------------

    @Test
    void import_acceptsTheOptionalColumns_inAnyOrder() {
        String p = uniqueProjectId() + "-";
        String csv = """
                status_text;Owner;id;planned_end_year;title;sector;planned_start_year;description
                MENEILLÄÄN (60 % TEHTY);matti.m;{p}1;2025;Vesimittareiden vaihto;TEKNIIKKA;2022;Etäluettavat mittarit
                ;liisa.l;{p}2;;"Hanke; jossa puolipiste";ELINVOIMA;;
                """.replace("{p}", p);

        Response response = importCsv("2023-12-31", csv);

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(storedEvent(p + "1", 0, "payload::jsonb ->> 'owner'")).isEqualTo("matti.m");
        assertThat(storedEvent(p + "1", 0, "payload::jsonb ->> 'plannedStartYear'")).isEqualTo("2022");
        assertThat(storedEvent(p + "1", 0, "payload::jsonb ->> 'plannedEndYear'")).isEqualTo("2025");
        assertThat(storedEvent(p + "1", 0, "payload::jsonb ->> 'description'")).isEqualTo("Etäluettavat mittarit");
        assertThat(storedEvent(p + "1", 1, "payload::jsonb ->> 'progressPercent'")).isEqualTo("60");
        assertThat(storedEvent(p + "2", 0, "payload::jsonb ->> 'owner'")).isEqualTo("liisa.l");
        assertThat(storedEvent(p + "2", 0, "payload::jsonb ->> 'title'")).isEqualTo("Hanke; jossa puolipiste");
        assertThat(storedEvent(p + "2", 1, "payload::jsonb ->> 'status'")).isEqualTo("NOT_STARTED");
    }

    @Test
    void import_fails_withBadRequest_forAnEmptyOwner_namingItsRow_andStoresNothing() {
        String p = uniqueProjectId() + "-";
        String csv = """
                id;sector;title;status_text;owner
                {p}1;TEKNIIKKA;Vesimittareiden vaihto;MENEILLÄÄN;matti.m
                {p}2;TEKNIIKKA;Kenen hanke;VALMIS;
                {p}3;TEKNIIKKA;Tyhjä omistaja;VALMIS;"  "
                """.replace("{p}", p);
        long before = eventCount();

        Response response = importCsv("2023-12-31", csv);

        assertProblem(response, 400);
        assertThat(errorFields(response)).containsExactly("line 3 (" + p + "2) owner", "line 4 (" + p + "3) owner");
        assertThat(errorMessage(response, "line 3 (" + p + "2) owner")).isEqualTo("is required");
        assertThat(response.json().path("rows").findValuesAsText("line")).containsExactly("3", "4");
        assertThat(eventCount()).isEqualTo(before);
        assertThat(eventCount(p + "1")).isZero();
    }

    @Test
    void import_withoutAnOwnerColumn_registersTheProjectsWithoutOwners_forCoordinatorsToAssign() {
        String p = uniqueProjectId() + "-";

        Response response = importCsv("2023-12-31", csv(p + "1;TEKNIIKKA;Vesimittareiden vaihto;MENEILLÄÄN"));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(storedEvent(p + "1", 0, "payload::jsonb ->> 'owner'")).isNull();
    }

    @Test
    void aRepeatedImport_withTheSameIdempotencyKey_getsTheFirstAnswer_andStoresNothing() {
        String p = uniqueProjectId() + "-";
        String csv = csv(p + "1;TEKNIIKKA;Hanke;MENEILLÄÄN", p + "2;ELINVOIMA;Toinen;VALMIS");
        Map<String, String> key = Map.of("Idempotency-Key", "import-" + p);

        Response first = importCsv("2023-12-31", csv, key);
        long stored = eventCount();
        Response repeat = importCsv("2023-12-31", csv, key);
        Response otherDay = importCsv("2023-12-30", csv, key);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.json()).isEqualTo(first.json());
        assertThat(otherDay.status()).as("the same key for another import").isEqualTo(422);
        assertThat(eventCount()).isEqualTo(stored);
    }

    @Test
    void import_fails_withBadRequest_forAnUnknownOrMissingColumn() {
        Response response = importCsv("2024-01-31", "id;sector;otsikko;status_text\nX1;TEKNIIKKA;Hanke;VALMIS\n");

        assertProblem(response, 400);
        assertThat(errorFields(response)).containsExactly("line 1 header", "line 1 header");
        assertThat(response.json().path("errors").toString()).contains("otsikko").contains("lacks the column title");
    }

    @Test
    void import_fails_withBadRequest_forAnEmptyBody() {
        Response response = importCsv("2024-01-31", "");

        assertProblem(response, 400);
        assertThat(errorFields(response)).containsExactly("body");
    }

    @Test
    void import_fails_withBadRequest_forAHeaderWithoutRows() {
        Response response = importCsv("2024-01-31", HEADER + "\n\n");

        assertProblem(response, 400);
        assertThat(errorFields(response)).containsExactly("body");
        assertThat(errorMessage(response, "body")).contains("no project rows");
    }

    @Test
    void import_fails_withBadRequest_forABodyThatIsNotUtf8_andReadsItWhenTheCharsetIsNamed() throws Exception {
        String p = uniqueProjectId() + "-";
        byte[] windows1252 = csv(p + "1;HYVINVOINTI;Seinätön museo;VALMIS").getBytes(Charset.forName("windows-1252"));
        long before = eventCount();

        HttpResponse<String> unnamed = postBytes("2024-01-31", windows1252, "text/csv");
        HttpResponse<String> named = postBytes("2024-01-31", windows1252, "text/csv; charset=windows-1252");

        assertThat(unnamed.statusCode()).as(unnamed.body()).isEqualTo(400);
        assertThat(unnamed.body()).contains("\"field\":\"body\"");
        assertThat(named.statusCode()).as(named.body()).isEqualTo(201);
        assertThat(eventCount() - before).isEqualTo(2);
        assertThat(storedEvent(p + "1", 0, "payload::jsonb ->> 'title'")).isEqualTo("Seinätön museo");
    }

    // --- the request ----------------------------------------------------------------------------------------

    @Test
    void import_fails_withBadRequest_namingEffectiveDate_whenItIsMissing() {
        assertRefusedNamingEffectiveDate("/api/imports");
    }

    @Test
    void import_fails_withBadRequest_namingEffectiveDate_whenItIsNotOnTheCalendar() {
        assertRefusedNamingEffectiveDate("/api/imports?effectiveDate=2023-02-30");
    }

    @Test
    void import_fails_withBadRequest_namingEffectiveDate_whenItIsTomorrowInHelsinki() {
        assertRefusedNamingEffectiveDate("/api/imports?effectiveDate=" + LocalDate.now(RoadmapTime.ZONE).plusDays(1));
    }

    @Test
    void import_fails_withUnsupportedMediaType_forJson() {
        long before = eventCount();

        Response response = api.post("/api/imports?effectiveDate=2024-01-31", COORDINATOR,
                                     "{\"id\":\"X\"}", Map.of("Content-Type", "application/json"));

        assertProblem(response, 415);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void import_fails_withForbidden_forAnOwner() {
        long before = eventCount();

        Response response = api.post("/api/imports?effectiveDate=2024-01-31", OWNER,
                                     csv(uniqueProjectId() + ";TEKNIIKKA;Hanke;VALMIS"), Map.of("Content-Type", CSV));

        assertProblem(response, 403);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void import_fails_withUnauthorized_withoutAToken() {
        Response response = api.post("/api/imports?effectiveDate=2024-01-31", null,
                                     csv(uniqueProjectId() + ";TEKNIIKKA;Hanke;VALMIS"), Map.of("Content-Type", CSV));

        assertProblem(response, 401);
    }

    @Test
    void theApiDescription_documentsTheImport_asTakingCsv() {
        JsonNode docs = api.get("/v3/api-docs", null).json();

        JsonNode post = docs.path("paths").path("/api/imports").path("post");
        assertThat(post.path("requestBody").path("content").has("text/csv")).as(post.toString()).isTrue();
        assertThat(post.path("parameters").findValuesAsText("name")).contains("effectiveDate");
        assertThat(post.path("responses").has("409")).isTrue();
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private Response importCsv(String effectiveDate, String csv) {
        return importCsv(effectiveDate, csv, Map.of());
    }

    private Response importCsv(String effectiveDate, String csv, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Content-Type", CSV);
        return api.post("/api/imports?effectiveDate=" + effectiveDate, COORDINATOR, csv, all);
    }

    private HttpResponse<String> postBytes(String effectiveDate, byte[] body, String contentType)
            throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + serverPort + "/api/imports?effectiveDate=" + effectiveDate);
        HttpRequest request = HttpRequest.newBuilder(uri)
                                         .header("Authorization", "Bearer " + COORDINATOR)
                                         .header("Content-Type", contentType)
                                         .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                         .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void assertRefusedNamingEffectiveDate(String path) {
        long before = eventCount();

        Response response = api.post(path, COORDINATOR, csv(uniqueProjectId() + ";TEKNIIKKA;Hanke;VALMIS"),
                                     Map.of("Content-Type", CSV));

        assertProblem(response, 400);
        assertThat(errorFields(response)).containsExactly("effectiveDate");
        assertThat(eventCount()).isEqualTo(before);
    }

    /** Counts the events of one request by a SQL expression, the way an auditor would. */
    private Map<String, Long> countBy(String expression, String payloadType, String correlationId, String condition) {
        String sql = "SELECT " + expression + " AS k, count(*) AS n FROM " + EventStoreTables.DOMAIN_EVENTS
                     + " WHERE meta_data::jsonb ->> 'correlationId' = ? AND (" + condition + ")"
                     + (payloadType == null ? "" : " AND payload_type = '" + payloadType + "'") + " GROUP BY 1";
        return jdbc.query(sql, (row, n) -> entry(row.getString("k"), row.getLong("n")), correlationId)
                   .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Every line of the file but the header, its id (the first field) prefixed. */
    private static String withIdPrefix(String csv, String prefix) {
        String[] lines = csv.split("\n", -1);
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                lines[i] = prefix + lines[i];
            }
        }
        return String.join("\n", lines);
    }

    private static List<String> goodRows(String prefix, int count) {
        return IntStream.rangeClosed(1, count)
                        .mapToObj(i -> prefix + i + ";TEKNIIKKA;Hanke " + i + ";MENEILLÄÄN (" + i + " % TEHTY)")
                        .collect(Collectors.toCollection(ArrayList::new));
    }

    private static String csv(String... rows) {
        return HEADER + "\n" + String.join("\n", rows) + "\n";
    }

    private static void assertProblem(Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith(PROBLEM_JSON);
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
    }

    private static List<String> errorFields(Response response) {
        return response.json().path("errors").findValuesAsText("field");
    }

    private static String errorMessage(Response response, String field) {
        for (JsonNode error : response.json().path("errors")) {
            if (error.path("field").asText().equals(field)) {
                return error.path("message").asText();
            }
        }
        throw new AssertionError("no error for " + field + " in " + response);
    }
}
