package fi.tiekartta.system;

import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The roadmap page with more projects than one page holds (620: 220 in Elinvoimatoimiala, 400 in
 * Tekniikkatoimiala), in a real browser: the totals of the whole roadmap from the first page, "Näytä lisää" for
 * the rest, the sector and status filter asked of the server and kept in the address, in Finnish and English,
 * with axe-core's WCAG 2.1 AA rules and a page that ran cleanly.
 */
class RoadmapPagesIT {

    private static final String ON = "2023-12-31";
    private static final int VITALITY = 220;
    private static final int TECHNICAL = 400;
    /** The status each project is imported with, by its number: its Finnish phrase and its code. */
    private static final List<String> PHRASES = List.of("VALMIS", "MENEILLÄÄN", "EI ALOITETTU");
    private static final List<String> CODES = List.of("DONE", "IN_PROGRESS", "NOT_STARTED");

    private static RunningSystem system;

    @RegisterExtension
    static final BrowserTestLifecycle browser = BrowserTestLifecycle.startingFirst(RoadmapPagesIT::start);

    private final String management = TestTokens.mint("johtoryhma", "MANAGEMENT");
    private RoadmapPage page;

    private static void start(BrowserTestLifecycle.Started started) {
        system = started.closedAfterTheClass(RunningSystem.start("roadmap-pages"));
        importProjects();
    }

    @BeforeEach
    void newPage() {
        page = new RoadmapPage(browser.driver(), system.queryService.baseUrl());
    }

    @Test
    void theFirstPage_givesTheWholeRoadmapsTotals_andShowMoreBringsTheRest_withFocusOnTheFirstProjectItBrought() {
        page.visit("?asOf=" + ON, management);
        page.awaitRoadmapAsOf(ON);

        assertThat(page.barCount()).isEqualTo(500);
        assertThat(page.summaryCounts()).isEqualTo(Map.of("VALMIS", count(0), "MENEILLÄÄN", count(1), "EI ALOITETTU", count(2)));
        assertThat(page.laneTotal("ELINVOIMA")).isEqualTo(VITALITY + " hanketta");
        assertThat(page.laneTotal("TEKNIIKKA")).as("a lane's total is its count, not its bars so far").isEqualTo(TECHNICAL + " hanketta");
        assertThat(page.laneNote("TEKNIIKKA")).isEqualTo("Näytetään 280/400 hanketta.");
        assertThat(page.laneNote("ELINVOIMA")).isEmpty();
        assertThat(page.shownOfTotal()).isEqualTo("Näytetään 500/620 hanketta.");
        assertThat(page.showMoreOffered()).isTrue();
        assertThat(page.showMoreText()).isEqualTo("Näytä lisää");
        assertThat(AxeCheck.violations(browser.driver())).as("axe-core %s, a first page, in Finnish", AxeCheck.version(browser.driver()))
                                                          .isEmpty();

        page.showMore();

        assertThat(page.barCount()).isEqualTo(620);
        assertThat(page.showMoreOffered()).as("nothing more to show").isFalse();
        assertThat(page.laneNote("TEKNIIKKA")).isEmpty();
        assertThat(page.focused().getDomAttribute("data-project-id")).isEqualTo("TE-281");
        assertThat(page.summaryCounts()).isEqualTo(Map.of("VALMIS", count(0), "MENEILLÄÄN", count(1), "EI ALOITETTU", count(2)));
    }

    @Test
    void theSectorAndStatusFilter_asksTheServer_isKeptInTheAddress_andALinkOpensTheSameView() {
        page.visit("?asOf=" + ON, management);
        page.awaitRoadmapAsOf(ON);
        assertThat(page.filterOptions("sector-filter")).startsWith("Kaikki toimialat", "Kaupunkitasoiset kärkihankkeet")
                                                         .contains("Tekniikkatoimiala").hasSize(7);
        assertThat(page.filterOptions("status-filter")).startsWith("Kaikki tilat").contains("VALMIS", "MENEILLÄÄN");

        page.filter("TEKNIIKKA", "DONE");

        int technicalDone = count(0, TECHNICAL);
        assertThat(page.currentUrl()).contains("sector=TEKNIIKKA").contains("status=DONE");
        assertThat(page.laneHeadings()).containsExactly("Tekniikkatoimiala");
        assertThat(page.barCount()).isEqualTo(technicalDone);
        assertThat(page.summaryCounts()).isEqualTo(Map.of("VALMIS", technicalDone));
        assertThat(page.summaryFilter()).isEqualTo("Rajaus: Tekniikkatoimiala, VALMIS");
        assertThat(page.showMoreOffered()).isFalse();

        page.reload();
        page.awaitRoadmapAsOf(ON);
        assertThat(page.filterChoice()).containsExactly("TEKNIIKKA", "DONE", "Tekniikkatoimiala", "VALMIS");
        assertThat(page.barCount()).isEqualTo(technicalDone);
        assertThat(page.filterOptions("sector-filter")).as("every sector still offered").hasSize(7);

        page.filter("", "IN_PROGRESS");
        assertThat(page.currentUrl()).doesNotContain("sector=").contains("status=IN_PROGRESS");
        assertThat(page.barCount()).isEqualTo(count(1));
        assertThat(page.showMoreOffered()).isFalse();
    }

    @Test
    void inEnglish_theFilterAndThePagesSpeakEnglish_andAxeFindsNothing() {
        page.visit("?asOf=" + ON, management);
        page.awaitRoadmapAsOf(ON);
        page.switchLanguage("en");

        assertThat(page.filterOptions("sector-filter")).startsWith("All sectors", "City-wide flagship projects");
        assertThat(page.filterOptions("status-filter")).startsWith("All statuses");
        assertThat(page.shownOfTotal()).isEqualTo("Showing 500 of 620 projects.");
        assertThat(page.showMoreText()).isEqualTo("Show more");
        assertThat(page.laneTotal("TEKNIIKKA")).isEqualTo("400 projects");
        assertThat(AxeCheck.violations(browser.driver())).as("axe-core %s, a first page, in English", AxeCheck.version(browser.driver()))
                                                          .isEmpty();

        page.filter("ELINVOIMA", "");
        assertThat(page.summaryFilter()).isEqualTo("Filter: Vitality sector");
        assertThat(page.barCount()).isEqualTo(VITALITY);
        assertThat(AxeCheck.violations(browser.driver())).as("axe-core %s, filtered, in English", AxeCheck.version(browser.driver()))
                                                          .isEmpty();
    }

    /** How many of the imported projects have the status of PHRASES[index]. */
    private static int count(int index) {
        return count(index, VITALITY) + count(index, TECHNICAL);
    }

    /** How many of a sector's projects, numbered 1 to size, have the status of PHRASES[index]. */
    private static int count(int index, int size) {
        int count = 0;
        for (int i = 1; i <= size; i++) {
            count += i % 3 == index ? 1 : 0;
        }
        return count;
    }

    private static void importProjects() {
        StringBuilder csv = new StringBuilder("id;sector;title;status_text\n");
        for (int i = 1; i <= VITALITY; i++) {
            csv.append(String.format("EV-%03d;ELINVOIMA;Elinvoimahanke %d;%s%n", i, i, PHRASES.get(i % 3)));
        }
        for (int i = 1; i <= TECHNICAL; i++) {
            csv.append(String.format("TE-%03d;TEKNIIKKA;Tekniikkahanke %d;%s%n", i, i, PHRASES.get(i % 3)));
        }
        Response imported = system.commands().post("/api/imports?effectiveDate=" + ON,
                TestTokens.mint("koordinaattori", "COORDINATOR"), csv.toString(), Map.of("Content-Type", "text/csv; charset=utf-8"));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        String reader = TestTokens.mint("johtoryhma", "MANAGEMENT");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Response roadmap = system.queries().get("/api/roadmap?asOf=" + ON + "&limit=1", reader);
            return roadmap.status() == 200 && roadmap.json().path("countsByStatus").path(CODES.get(2)).asInt() == count(2)
                   && roadmap.json().path("countsByStatus").path(CODES.get(1)).asInt() == count(1)
                   && roadmap.json().path("countsByStatus").path(CODES.get(0)).asInt() == count(0);
        });
    }
}
