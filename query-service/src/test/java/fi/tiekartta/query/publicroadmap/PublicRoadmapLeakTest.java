package fi.tiekartta.query.publicroadmap;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tiekartta.events.ProjectOwnerAssignedEvent;
import fi.tiekartta.events.ProjectRegisteredEvent;
import fi.tiekartta.events.ProjectStatusChangedEvent;
import fi.tiekartta.events.StatusChangeCorrectedEvent;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.vocabulary.ProjectStatus;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every public answer, in every format, walked for what must not be in it: fields outside the public set, and
 * the internal values themselves (owners, actors, notes, reasons, descriptions), over projects whose history has
 * all of them. The scenario's effective dates are in 2014, a year no other test uses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicRoadmapLeakTest extends PublishedRoadmapTestBase {

    static final Set<String> PROJECT_FIELDS = Set.of(
            "projectId", "sector", "title", "plannedStartYear", "plannedEndYear", "status", "statusLabel",
            "progressPercent", "targetYear", "scheduledFor", "effectiveDate", "units");
    static final Set<String> UNIT_FIELDS = Set.of("unit", "status", "progressPercent", "targetYear");
    private static final Set<String> ROADMAP_FIELDS = Set.of("asOf", "license", "publisher", "countsByStatus", "sectors");
    private static final Set<String> SECTOR_FIELDS = Set.of("sector", "label", "countsByStatus", "projects");
    private static final Set<String> REPORT_FIELDS = Set.of("year", "asOf", "knownAt", "digest", "countsByStatus", "sectors");
    private static final Set<String> REPORT_SECTOR_FIELDS = Set.of(
            "sector", "label", "countsByStatus", "started", "completed", "postponed", "dropped", "overdue");
    private static final Set<String> POSTPONEMENT_FIELDS = Set.of("projectId", "fromYear", "toYear");
    private static final String DAY = "2014-12-31";

    private final String marker = UUID.randomUUID().toString().substring(0, 8);
    private final String owner = "omistaja-" + marker;
    private final String nextOwner = "seuraaja-" + marker;
    private final String coordinator = "koordinaattori-" + marker;
    private final List<String> internal = new ArrayList<>(List.of(owner, nextOwner, coordinator));
    private final String inProgress = "QP-1-" + marker;
    private final String postponed = "QP-2-" + marker;

    /** Two projects with owners, actors, notes, reasons and a description in their history; then a minute turns. */
    @BeforeAll
    void projectsWithInternalDetails() {
        register(inProgress, LocalDate.of(2014, 1, 15));
        append(inProgress, 1, new ProjectStatusChangedEvent(inProgress, "c1-" + marker, ProjectStatus.IN_PROGRESS,
                ProjectStatus.NOT_STARTED, LocalDate.of(2014, 3, 1), 40, null, null, null, secret("note")), owner, secret("reason"));
        append(inProgress, 2, new ProjectStatusChangedEvent(inProgress, "c2-" + marker, ProjectStatus.IN_PROGRESS,
                ProjectStatus.NOT_STARTED, LocalDate.of(2014, 4, 1), 70, null, null, "VAKA", secret("unit note")),
               owner, secret("unit reason"));
        append(inProgress, 3, new ProjectOwnerAssignedEvent(inProgress, "o1-" + marker, nextOwner, owner,
                LocalDate.of(2014, 5, 1)), coordinator, secret("owner reason"));
        append(inProgress, 4, new StatusChangeCorrectedEvent(inProgress, "f1-" + marker, "c1-" + marker,
                ProjectStatus.IN_PROGRESS, LocalDate.of(2014, 3, 1), 45, null, null, null, secret("corrected note")),
               coordinator, secret("correction reason"));
        register(postponed, LocalDate.of(2014, 1, 15));
        append(postponed, 1, new ProjectStatusChangedEvent(postponed, "c3-" + marker, ProjectStatus.POSTPONED,
                ProjectStatus.NOT_STARTED, LocalDate.of(2014, 6, 1), null, 2016, null, null, secret("postponed note")),
               owner, secret("postponed reason"));
        awaitVersion(inProgress, 4);
        awaitVersion(postponed, 1);
        // The public report is as known at the start of the current minute: wait until that is after these events.
        Instant recorded = Instant.now();
        await().atMost(Duration.ofSeconds(70)).pollInterval(Duration.ofMillis(200))
               .until(() -> Instant.now().truncatedTo(ChronoUnit.MINUTES).isAfter(recorded));
    }

    @Test
    void theRoadmap_holdsOnlyPublicFields_andNoInternalValue() {
        Response answer = api().get("/public/api/roadmap?asOf=" + DAY, null);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode roadmap = answer.json();
        assertThat(names(roadmap)).isEqualTo(ROADMAP_FIELDS);
        assertThat(roadmap.get("license").asText()).isEqualTo("CC BY 4.0");
        assertThat(roadmap.get("publisher").asText()).isNotBlank();
        for (JsonNode sector : roadmap.get("sectors")) {
            assertThat(names(sector)).isEqualTo(SECTOR_FIELDS);
            for (JsonNode project : sector.get("projects")) {
                assertThat(names(project)).as(project.toString()).isEqualTo(PROJECT_FIELDS);
                for (JsonNode unit : project.get("units")) {
                    assertThat(names(unit)).as(unit.toString()).isEqualTo(UNIT_FIELDS);
                }
            }
        }
        assertNoInternalValue(answer.body());

        JsonNode project = project(roadmap, inProgress);
        assertThat(project.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(project.get("progressPercent").asInt()).as("as corrected").isEqualTo(45);
        assertThat(project.get("units").get(0).get("unit").asText()).isEqualTo("VAKA");
        assertThat(project.get("units").get(0).get("progressPercent").asInt()).isEqualTo(70);
        assertThat(project(roadmap, postponed).get("targetYear").asInt()).isEqualTo(2016);
    }

    @Test
    void theRoadmap_showsWhatTheSignedInRoadmapShows_forEveryPublicField() {
        JsonNode open = api().get("/public/api/roadmap?asOf=" + DAY, null).json();
        JsonNode signedIn = api().get("/api/roadmap?asOf=" + DAY, managementToken()).json();

        for (String id : List.of(inProgress, postponed)) {
            JsonNode internalView = project(signedIn, id);
            JsonNode publicView = project(open, id);
            for (String field : PROJECT_FIELDS) {
                if (!field.equals("units")) {
                    assertThat(publicView.get(field)).as(id + " " + field).isEqualTo(internalView.get(field));
                }
            }
            assertThat(internalView.get("owner").asText()).as("the scenario has owners to hide").isEqualTo(
                    id.equals(inProgress) ? nextOwner : owner);
        }
        assertThat(open.get("countsByStatus")).isEqualTo(signedIn.get("countsByStatus"));
    }

    @Test
    void theRoadmapCsv_hasThePublicColumns_andNoInternalValue() {
        Response answer = api().get("/public/api/roadmap.csv?asOf=" + DAY, null);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("text/csv");
        assertThat(answer.header("Content-Disposition").orElse("")).contains("attachment").contains("tiekartta-" + DAY + ".csv");
        assertThat(answer.body()).startsWith("\uFEFF");
        List<String> lines = List.of(answer.body().substring(1).split("\r\n"));
        assertThat(List.of(lines.get(0).split(";"))).isEqualTo(PublicRoadmapCsv.HEADER);
        String row = lines.stream().filter(l -> l.contains(inProgress)).findFirst().orElseThrow();
        assertThat(row.split(";", -1)).hasSize(PublicRoadmapCsv.HEADER.size());
        assertThat(row).startsWith(DAY + ";TEKNIIKKA;").contains(";IN_PROGRESS;MENEILLÄÄN;45;").contains("VAKA: IN_PROGRESS 70 %");
        assertNoInternalValue(answer.body());
    }

    @Test
    void theYearEndReport_inEveryFormat_holdsNoInternalValue() {
        Response json = api().get("/public/api/reports/year-end/2014", null);
        assertThat(json.status()).as(json.toString()).isEqualTo(200);
        JsonNode report = json.json();
        assertThat(names(report)).isEqualTo(REPORT_FIELDS);
        for (JsonNode sector : report.get("sectors")) {
            assertThat(names(sector)).isEqualTo(REPORT_SECTOR_FIELDS);
            for (String list : List.of("started", "completed", "dropped", "overdue")) {
                sector.get(list).forEach(id -> assertThat(id.isTextual()).isTrue());
            }
            sector.get("postponed").forEach(p -> assertThat(names(p)).isEqualTo(POSTPONEMENT_FIELDS));
        }
        List<String> postponedIds = report.get("sectors").findValues("postponed").stream()
                                          .flatMap(p -> StreamSupport.stream(p.spliterator(), false))
                                          .map(p -> p.get("projectId").asText()).toList();
        assertThat(postponedIds).as("the scenario is in the report").contains(postponed);
        assertNoInternalValue(json.body());

        for (String type : List.of("text/csv", "text/html")) {
            Response other = api().get("/public/api/reports/year-end/2014", null, Map.of("Accept", type));
            assertThat(other.status()).as(type + " " + other).isEqualTo(200);
            assertThat(other.contentType()).startsWith(type);
            assertThat(other.body()).contains(postponed);
            assertNoInternalValue(other.body());
        }

        HttpResponse<byte[]> pdf = api().getBytes("/public/api/reports/year-end/2014", null, Map.of("Accept", "application/pdf"));
        assertThat(pdf.statusCode()).isEqualTo(200);
        String pdfText = textOf(pdf.body());
        assertThat(pdfText).contains(postponed);
        assertNoInternalValue(pdfText);
    }

    private static String textOf(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theYearEndReport_isTheSignedInReport_forTheSameInstant() {
        Response open = api().get("/public/api/reports/year-end/2014", null, Map.of("Accept", "text/csv"));
        String knownAt = open.body().split("\r\n")[1].split(";")[2];

        Response signedIn = api().get("/api/reports/year-end/2014?knownAt=" + knownAt, managementToken(),
                                      Map.of("Accept", "text/csv"));

        assertThat(Instant.parse(knownAt)).isEqualTo(Instant.parse(knownAt).truncatedTo(ChronoUnit.MINUTES));
        assertThat(open.body()).isEqualTo(signedIn.body());
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private String secret(String what) {
        String value = what + " " + marker;
        internal.add(value);
        return value;
    }

    private void register(String id, LocalDate on) {
        append(id, 0, new ProjectRegisteredEvent(id, "reg-" + id, "TEKNIIKKA", "Avoin hanke " + id, owner, 2013, 2015,
                                                 secret("description"), on), coordinator, null);
    }

    private void awaitVersion(String id, long version) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Response project = api().get("/api/projects/" + id + "?asOf=2099-01-01", managementToken());
            return project.status() == 200 && project.json().get("version").asLong() == version;
        });
    }

    private void assertNoInternalValue(String body) {
        for (String value : internal) {
            assertThat(body).as("the answer holds the internal value '%s'", value).doesNotContain(value);
        }
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new java.util.TreeSet<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }

    private static JsonNode project(JsonNode roadmap, String id) {
        return StreamSupport.stream(roadmap.get("sectors").spliterator(), false)
                            .flatMap(s -> StreamSupport.stream(s.get("projects").spliterator(), false))
                            .filter(p -> p.get("projectId").asText().equals(id)).findFirst()
                            .orElseThrow(() -> new AssertionError("no " + id + " in " + roadmap));
    }
}
