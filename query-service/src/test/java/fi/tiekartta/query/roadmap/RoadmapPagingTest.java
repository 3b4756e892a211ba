package fi.tiekartta.query.roadmap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import fi.tiekartta.vocabulary.ProjectStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/roadmap} in pages ({@code limit}, {@code cursor}): the pages of one asOf, knownAt and filter
 * together are the whole answer, each with the whole answer's sectors and counts; a cursor is refused with any
 * other. Scenarios register their projects in 2043, a year of their own.
 */
class RoadmapPagingTest extends RoadmapTestBase {

    private static final LocalDate ON = LocalDate.of(2043, 6, 1);

    @Autowired
    private RoadmapAnswers answers;

    private Instant known;

    @BeforeEach
    void sevenProjectsInThreeSectors_someUnderway() {
        List<String> ids = new ArrayList<>();
        for (String sector : List.of("TEKNIIKKA", "TEKNIIKKA", "TEKNIIKKA", "ELINVOIMA", "ELINVOIMA", "HYVINVOINTI", "KAUPUNKI")) {
            ids.add(register(sector, LocalDate.of(2043, 1, 2), 2044));
        }
        change(ids.get(0), ProjectStatus.IN_PROGRESS, LocalDate.of(2043, 2, 1));
        change(ids.get(2), ProjectStatus.IN_PROGRESS, LocalDate.of(2043, 2, 1));
        known = knownNow(ids.toArray(String[]::new));
    }

    @Test
    void thePagesTogether_areTheWholeRoadmap_eachWithItsSectorsAndCounts_andOnlyTheLastWithoutNextCursor() {
        assertPagesMakeTheWhole("asOf=" + ON + "&knownAt=" + known, 3);
        assertPagesMakeTheWhole("asOf=" + ON + "&knownAt=" + known, 1000);
    }

    @Test
    void aFilteredRoadmap_pagesTheSameWay() {
        assertPagesMakeTheWhole("asOf=" + ON + "&knownAt=" + known + "&status=IN_PROGRESS", 1);
        assertPagesMakeTheWhole("asOf=" + ON + "&knownAt=" + known + "&sector=TEKNIIKKA", 2);
        assertPagesMakeTheWhole("asOf=" + ON + "&knownAt=" + known + "&sector=TEKNIIKKA&status=IN_PROGRESS", 1);
    }

    @Test
    void withoutLimit_theAnswerHasNoNextCursor() {
        assertThat(roadmap("asOf=" + ON + "&knownAt=" + known).has("nextCursor")).isFalse();
    }

    @Test
    void aPageAskedAgain_isCutFromTheKeptAnswer_andKeptItself() {
        Roadmap first = answers.page(ON, KnownAt.normalise(known), null, null, null, 2);
        Roadmap again = answers.page(ON, KnownAt.normalise(known), null, null, null, 2);
        Roadmap third = answers.page(ON, KnownAt.normalise(known), null, null, null, 2);

        // Kept from its second ask at the latest (the first, if another test asked for it before).
        assertThat(third.sectors()).isSameAs(again.sectors());
        assertThat(third.nextCursor()).isEqualTo(again.nextCursor()).isEqualTo(first.nextCursor()).isNotNull();
    }

    @Test
    void aCursor_isRefusedWithAnotherAsOfKnownAtOrFilter_andWithoutLimit() {
        String at = "asOf=" + ON + "&knownAt=" + known;
        String cursor = roadmap(at + "&limit=1").get("nextCursor").asText();
        String filteredCursor = roadmap(at + "&sector=TEKNIIKKA&limit=1").get("nextCursor").asText();

        assertField("/api/roadmap?asOf=2043-06-02&knownAt=" + known + "&limit=1&cursor=" + cursor, "cursor");
        assertField("/api/roadmap?asOf=" + ON + "&knownAt=" + known.minusMillis(1) + "&limit=1&cursor=" + cursor, "cursor");
        assertField("/api/roadmap?asOf=" + ON + "&limit=1&cursor=" + cursor, "cursor");
        assertField("/api/roadmap?" + at + "&sector=TEKNIIKKA&limit=1&cursor=" + cursor, "cursor");
        assertField("/api/roadmap?" + at + "&status=IN_PROGRESS&limit=1&cursor=" + cursor, "cursor");
        assertField("/api/roadmap?" + at + "&limit=1&cursor=" + filteredCursor, "cursor");
        assertField("/api/roadmap?" + at + "&cursor=" + cursor, "cursor");
        assertThat(roadmap(at + "&limit=5&cursor=" + cursor).get("sectors")).as("another limit is another page size, not another list")
                                                                         .isNotEmpty();
    }

    @Test
    void aCursorNotHandedOutByTheRoadmap_isRefused_andTheRoadmapsIsRefusedByTheProjectList() {
        String at = "asOf=" + ON + "&knownAt=" + known;
        String cursor = roadmap(at + "&limit=1").get("nextCursor").asText();
        String projectListCursor = api().get("/api/projects?" + at + "&limit=1", managementToken()).json().get("nextCursor").asText();

        assertField("/api/roadmap?" + at + "&limit=1&cursor=" + projectListCursor, "cursor");
        assertField("/api/roadmap?" + at + "&limit=1&cursor=!!!", "cursor");
        assertField("/api/roadmap?" + at + "&limit=1&cursor=" + encoded("p2:roadmap asOf=" + ON + " knownAt="
                                                                          + KnownAt.normalise(known) + " sector=null status=null\nEI-OLE-1"), "cursor");
        assertField("/api/projects?" + at + "&limit=1&cursor=" + cursor, "cursor");
    }

    @Test
    void theLimit_isFrom1To1000() {
        String at = "asOf=" + ON + "&knownAt=" + known;
        assertField("/api/roadmap?" + at + "&limit=0", "limit");
        assertField("/api/roadmap?" + at + "&limit=1001", "limit");
        assertField("/api/roadmap?" + at + "&limit=kaikki", "limit");
        assertThat(projectsOf(roadmap(at + "&limit=1"))).hasSize(1);
        assertThat(roadmap(at + "&limit=1000").get("sectors")).isNotEmpty();
    }

    /** Follows nextCursor from the first page to the last and compares what the pages list with the whole. */
    private void assertPagesMakeTheWhole(String query, int limit) {
        JsonNode whole = roadmap(query);
        Map<String, ArrayNode> paged = new LinkedHashMap<>();
        whole.get("sectors").forEach(s -> paged.put(s.get("sector").asText(), JsonNodeFactory.instance.arrayNode()));
        int total = projectsOf(whole).size();
        int pages = 0;
        String cursor = null;
        do {
            JsonNode page = roadmap(query + "&limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
            pages++;
            assertThat(page.get("asOf")).isEqualTo(whole.get("asOf"));
            assertThat(page.get("knownAt")).isEqualTo(whole.get("knownAt"));
            assertThat(page.get("countsByStatus")).as("the whole answer's counts on every page").isEqualTo(whole.get("countsByStatus"));
            assertThat(sectorCodes(page)).isEqualTo(sectorCodes(whole));
            for (int i = 0; i < page.get("sectors").size(); i++) {
                JsonNode sector = page.get("sectors").get(i);
                assertThat(sector.get("countsByStatus")).isEqualTo(whole.get("sectors").get(i).get("countsByStatus"));
                paged.get(sector.get("sector").asText()).addAll((ArrayNode) sector.get("projects"));
            }
            int onPage = projectsOf(page).size();
            cursor = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
            assertThat(onPage).as("a page is full unless it is the last").isEqualTo(cursor != null ? limit : total - limit * (pages - 1));
        } while (cursor != null && pages <= total);

        assertThat(pages).as(query).isEqualTo(Math.max(1, (total + limit - 1) / limit));
        whole.get("sectors").forEach(s -> assertThat(paged.get(s.get("sector").asText())).as(query).isEqualTo(s.get("projects")));
    }

    private static List<String> sectorCodes(JsonNode roadmap) {
        List<String> codes = new ArrayList<>();
        roadmap.get("sectors").forEach(s -> codes.add(s.get("sector").asText()));
        return codes;
    }

    private static List<JsonNode> projectsOf(JsonNode roadmap) {
        List<JsonNode> projects = new ArrayList<>();
        roadmap.get("sectors").forEach(s -> s.get("projects").forEach(projects::add));
        return projects;
    }

    private void assertField(String path, String field) {
        var response = api().get(path, managementToken());
        assertThat(response.status()).as(path).isEqualTo(400);
        assertThat(response.contentType()).as(path).startsWith("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asText()).as(path).isEqualTo(field);
    }

    private static String encoded(String cursorText) {
        return URLEncoder.encode(Base64.getUrlEncoder().withoutPadding()
                                                 .encodeToString(cursorText.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }
}
