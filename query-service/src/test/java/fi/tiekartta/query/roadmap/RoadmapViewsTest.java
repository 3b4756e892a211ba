package fi.tiekartta.query.roadmap;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tiekartta.vocabulary.ProjectStatus;
import fi.tiekartta.vocabulary.Sector;
import fi.tiekartta.vocabulary.Sectors;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static fi.tiekartta.vocabulary.ProjectStatus.DONE;
import static fi.tiekartta.vocabulary.ProjectStatus.IN_PROGRESS;
import static fi.tiekartta.vocabulary.ProjectStatus.NOT_NEEDED;
import static fi.tiekartta.vocabulary.ProjectStatus.NOT_STARTED;
import static fi.tiekartta.vocabulary.ProjectStatus.POSTPONED;
import static fi.tiekartta.vocabulary.ProjectStatus.WAITING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/roadmap} along both clocks. Each scenario has a year of effective dates of its own
 * (2006–2008), and counts are compared with what the same question answered before the scenario began.
 */
class RoadmapViewsTest extends RoadmapTestBase {

    @Test
    void everyConfiguredSector_isListedInOrder_evenWhenEmpty_andEmptyCountsAreLeftOut() {
        // Other tests of this context register projects in force before 1990 (the rounds' tests: 1971, 1977); as known
        // at 2000, before any event of theirs was recorded, the day has none.
        JsonNode roadmap = roadmap("asOf=1990-06-01&knownAt=2000-01-01T00:00:00Z");

        assertThat(roadmap.get("sectors").findValuesAsText("sector"))
                .containsExactlyElementsOf(Sectors.HEINOLA.all().stream().map(Sector::code).toList());
        assertThat(roadmap.get("sectors").findValuesAsText("label"))
                .containsExactlyElementsOf(Sectors.HEINOLA.all().stream().map(Sector::label).toList());
        roadmap.get("sectors").forEach(sector -> {
            assertThat(sector.get("projects")).isEmpty();
            assertThat(sector.get("countsByStatus")).isEmpty();
        });
        assertThat(roadmap.get("countsByStatus")).isEmpty();
        assertThat(roadmap.get("asOf").asText()).isEqualTo("1990-06-01");
    }

    @Test
    void projects_areGroupedBySector_inIdOrder_asTheProjectListShowsThem_withCountsInVocabularyOrder() {
        LocalDate day = LocalDate.of(2006, 12, 31);
        Instant before = knownNow();
        String te1 = register("TEKNIIKKA", LocalDate.of(2006, 2, 1), 2007);
        String te2 = register("TEKNIIKKA", LocalDate.of(2006, 2, 1), 2007);
        String ev = register("ELINVOIMA", LocalDate.of(2006, 3, 1), 2008);
        change(te1, IN_PROGRESS, LocalDate.of(2006, 5, 1));
        postpone(te2, LocalDate.of(2006, 6, 1), 2009);
        change(ev, DONE, LocalDate.of(2006, 9, 1));
        Instant after = knownNow(te1, te2, ev);

        String at = "asOf=" + day + "&knownAt=" + after;
        JsonNode roadmap = roadmap(at);
        JsonNode baseline = roadmap("asOf=" + day + "&knownAt=" + before);

        JsonNode tekniikka = sector(roadmap, "TEKNIIKKA");
        assertThat(tekniikka.get("label").asText()).isEqualTo("Tekniikkatoimiala");
        assertThat(tekniikka.get("projects").findValuesAsText("projectId")).contains(te1, te2).doesNotContain(ev);
        assertThat(sector(roadmap, "ELINVOIMA").get("projects").findValuesAsText("projectId")).contains(ev);
        List<String> ids = tekniikka.get("projects").findValuesAsText("projectId");
        assertThat(ids).isSortedAccordingTo(ProjectIdOrder.NATURAL);

        assertThat(count(tekniikka.get("countsByStatus"), IN_PROGRESS) - count(sector(baseline, "TEKNIIKKA").get("countsByStatus"), IN_PROGRESS)).isEqualTo(1);
        assertThat(count(tekniikka.get("countsByStatus"), POSTPONED) - count(sector(baseline, "TEKNIIKKA").get("countsByStatus"), POSTPONED)).isEqualTo(1);
        assertThat(count(roadmap.get("countsByStatus"), DONE) - count(baseline.get("countsByStatus"), DONE)).isEqualTo(1);
        assertThat(fieldNames(roadmap.get("countsByStatus"))).isSortedAccordingTo(
                (a, b) -> ProjectStatus.valueOf(a).compareTo(ProjectStatus.valueOf(b)));

        JsonNode list = api().get("/api/projects?" + at, managementToken()).json().get("projects");
        for (String id : List.of(te1, te2, ev)) {
            assertThat(projectIn(roadmap, id)).as("the roadmap shows %s as the project list does", id)
                                              .isEqualTo(find(list, id));
        }
        assertThat(projectIn(roadmap, te2).get("targetYear").asInt()).isEqualTo(2009);
        assertThat(projectIn(roadmap, te2).get("statusLabel").asText()).isEqualTo("SIIRTYY");
    }

    @Test
    void aBackdatedChange_movesTheRoadmapForEarlierDays_butNotWhatWasKnownBefore() {
        String id = register("HYVINVOINTI", LocalDate.of(2007, 1, 10), 2008);
        change(id, DONE, LocalDate.of(2007, 9, 1));
        Instant beforeTheLateReport = knownNow(id);

        change(id, IN_PROGRESS, LocalDate.of(2007, 4, 1)); // reported late
        Instant afterIt = knownNow(id);

        assertThat(statusIn("asOf=2007-05-01&knownAt=" + beforeTheLateReport, id)).isEqualTo("NOT_STARTED");
        assertThat(statusIn("asOf=2007-05-01&knownAt=" + afterIt, id)).isEqualTo("IN_PROGRESS");
        assertThat(statusIn("asOf=2007-05-01", id)).isEqualTo("IN_PROGRESS");
        assertThat(statusIn("asOf=2007-10-01&knownAt=" + beforeTheLateReport, id)).isEqualTo("DONE");
        assertThat(statusIn("asOf=2007-10-01&knownAt=" + afterIt, id)).isEqualTo("DONE");
        JsonNode known = roadmap("asOf=2007-05-01&knownAt=" + beforeTheLateReport);
        JsonNode now = roadmap("asOf=2007-05-01&knownAt=" + afterIt);
        assertThat(count(now.get("countsByStatus"), IN_PROGRESS) - count(known.get("countsByStatus"), IN_PROGRESS)).isEqualTo(1);
        assertThat(count(now.get("countsByStatus"), NOT_STARTED) - count(known.get("countsByStatus"), NOT_STARTED)).isEqualTo(-1);
        assertThat(projectIn(known, id).get("version").asLong()).as("the version known then").isEqualTo(1);
        assertThat(projectIn(now, id).get("version").asLong()).isEqualTo(2);
    }

    @Test
    void aCorrection_changesTheRoadmap_fromTheMomentItWasRecorded() {
        String id = register("LUPA_JA_VALVONTA", LocalDate.of(2008, 1, 10), 2009);
        String wrong = change(id, IN_PROGRESS, LocalDate.of(2008, 3, 1));
        Instant beforeTheCorrection = knownNow(id);

        correct(id, wrong, WAITING, LocalDate.of(2008, 2, 1), null);
        Instant afterIt = knownNow(id);

        assertThat(statusIn("asOf=2008-02-15&knownAt=" + beforeTheCorrection, id)).isEqualTo("NOT_STARTED");
        assertThat(statusIn("asOf=2008-02-15&knownAt=" + afterIt, id)).isEqualTo("WAITING");
        assertThat(statusIn("asOf=2008-04-01&knownAt=" + beforeTheCorrection, id)).isEqualTo("IN_PROGRESS");
        assertThat(statusIn("asOf=2008-04-01&knownAt=" + afterIt, id)).isEqualTo("WAITING");
    }

    @Test
    void aRetractedChange_leavesTheRoadmap_fromTheMomentItWasRetracted() {
        String id = register("YHTEISET_PALVELUT", LocalDate.of(2008, 1, 10), 2009);
        String mistaken = change(id, NOT_NEEDED, LocalDate.of(2008, 5, 1));
        Instant beforeTheRetraction = knownNow(id);

        retract(id, mistaken);
        Instant afterIt = knownNow(id);

        assertThat(statusIn("asOf=2008-06-01&knownAt=" + beforeTheRetraction, id)).isEqualTo("NOT_NEEDED");
        assertThat(statusIn("asOf=2008-06-01&knownAt=" + afterIt, id)).isEqualTo("NOT_STARTED");
        JsonNode known = roadmap("asOf=2008-06-01&knownAt=" + beforeTheRetraction);
        JsonNode now = roadmap("asOf=2008-06-01&knownAt=" + afterIt);
        assertThat(count(sector(now, "YHTEISET_PALVELUT").get("countsByStatus"), NOT_NEEDED)
                   - count(sector(known, "YHTEISET_PALVELUT").get("countsByStatus"), NOT_NEEDED)).isEqualTo(-1);
    }

    @Test
    void aProject_isOnTheRoadmapFromItsRegistrationDay_andOnlyOnceItWasRecorded() {
        Instant beforeItWasRecorded = knownNow();
        String id = register("KAUPUNKI", LocalDate.of(2006, 4, 1), 2007);
        Instant afterIt = knownNow(id);

        assertThat(idsIn(roadmap("asOf=2006-03-31&knownAt=" + afterIt))).doesNotContain(id);
        assertThat(idsIn(roadmap("asOf=2006-04-01&knownAt=" + afterIt))).contains(id);
        assertThat(idsIn(roadmap("asOf=2006-04-01&knownAt=" + beforeItWasRecorded))).doesNotContain(id);
    }

    @Test
    void knownAt_isAnsweredAtMillisecondResolution_andDefaultsToNow() {
        JsonNode precise = roadmap("asOf=2006-01-01&knownAt=2024-01-15T12:00:00.123456Z");
        JsonNode defaulted = roadmap("asOf=2006-01-01");

        assertThat(precise.get("knownAt").asText()).isEqualTo("2024-01-15T12:00:00.123Z");
        Instant defaultKnownAt = Instant.parse(defaulted.get("knownAt").asText());
        assertThat(defaultKnownAt).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        assertThat(defaultKnownAt.getNano() % 1_000_000).isZero();
    }

    @Test
    void badParameters_areAnswered400_namingThem() {
        var badDay = api().get("/api/roadmap?asOf=2023-02-30", managementToken());
        var badInstant = api().get("/api/roadmap?knownAt=eilen", managementToken());

        assertThat(badDay.status()).isEqualTo(400);
        assertThat(badDay.contentType()).startsWith("application/problem+json");
        assertThat(badDay.json().at("/errors/0/field").asText()).isEqualTo("asOf");
        assertThat(badInstant.json().at("/errors/0/field").asText()).isEqualTo("knownAt");
        assertThat(api().get("/api/roadmap", null).status()).isEqualTo(401);
    }

    private String statusIn(String query, String id) {
        return projectIn(roadmap(query), id).get("status").asText();
    }

    private static JsonNode projectIn(JsonNode roadmap, String id) {
        for (JsonNode sector : roadmap.get("sectors")) {
            JsonNode found = find(sector.get("projects"), id);
            if (found != null) {
                return found;
            }
        }
        throw new AssertionError("no project " + id + " on the roadmap " + roadmap.get("asOf"));
    }

    private static JsonNode find(JsonNode projects, String id) {
        return StreamSupport.stream(projects.spliterator(), false)
                            .filter(p -> p.get("projectId").asText().equals(id)).findFirst().orElse(null);
    }

    private static List<String> idsIn(JsonNode roadmap) {
        return roadmap.get("sectors").findValuesAsText("projectId");
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
