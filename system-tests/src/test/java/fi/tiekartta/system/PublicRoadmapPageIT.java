package fi.tiekartta.system;

import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The public roadmap page ({@code /julkinen/}) in a real browser, without signing in, against both services with
 * the public roadmap turned on and the Heinola roadmap imported, plus a project whose history has an owner, a
 * note and a reason that must not show: the lanes, the date control, the year-end reports, English, and WCAG 2.1
 * AA checked with axe-core in both languages. Writes its screenshot to target/docs-img (the docs copy it).
 */
class PublicRoadmapPageIT {

    private static final Path HEINOLA_CSV = Path.of("..", "data", "heinola-digitiekartta.csv");
    private static final Path SCREENSHOTS = Path.of("target", "docs-img");
    private static final String YEAR_END = "2023-12-31";
    private static final List<String> SECTOR_LABELS = List.of(
            "Kaupunkitasoiset kärkihankkeet", "Elinvoimatoimiala", "Hyvinvointitoimiala", "Tekniikkatoimiala",
            "Lupa- ja valvontatoimiala", "Yhteiset palvelut -toimiala");
    private static final String OWNER = "salassa.pidettava.omistaja";
    private static final String NOTE = "sisäinen muistiinpano 7731";
    private static final String REASON = "sisäinen perustelu 7731";

    private static RunningSystem system;

    @RegisterExtension
    static final BrowserTestLifecycle browser = BrowserTestLifecycle.startingFirst(PublicRoadmapPageIT::start);

    private PublicRoadmapPage page;

    private static void start(BrowserTestLifecycle.Started started) throws IOException {
        system = started.closedAfterTheClass(RunningSystem.start("public-page", Map.of("TIEKARTTA_PUBLIC_ENABLED", "true")));
        importHeinolaWithInternalDetails();
    }

    @BeforeEach
    void newPage() {
        page = new PublicRoadmapPage(browser.driver(), system.queryService.baseUrl());
    }

    @Test
    void theRoadmapOfTheEndOf2023_showsWithoutSigningIn_inSixLanes_withTheStatusesAsText() {
        page.visit("?asOf=" + YEAR_END);

        assertThat(page.summaryHeading()).isEqualTo("Tilanne 31.12.2023");
        assertThat(page.laneHeadings()).isEqualTo(SECTOR_LABELS);
        assertThat(page.barCount()).isEqualTo(57);
        assertThat(page.barText("TE-10")).isEqualTo("MENEILLÄÄN 60 %");
        assertThat(page.barText("HV-07")).isEqualTo("SIIRTYY 2027");
        assertThat(page.buttonsInLanes()).as("nothing to open: no history is public").isZero();
        assertThat(browser.driver().findElements(By.tagName("dialog"))).isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("input[type='password'], #known-at"))).isEmpty();
        assertThat(page.text()).contains("CC BY 4.0");

        new RoadmapPage(browser.driver(), system.queryService.baseUrl())
                .screenshot(SCREENSHOTS.resolve("public-roadmap.png"), true);
    }

    @Test
    void theDateControl_movesTheRoadmap_andTheAddressKeepsTheDay() {
        page.visit("?asOf=" + YEAR_END);

        page.showAsOf("2023-12-30");

        assertThat(page.barCount()).as("imported as of 31.12.2023").isZero();
        assertThat(page.noProjectsShown()).isTrue();
        assertThat(page.currentUrl()).endsWith("/julkinen/?asOf=2023-12-30");
        assertThat(page.csvLink()).endsWith("/public/api/roadmap.csv?asOf=2023-12-30");

        page.showAsOf("2024-07-01");
        assertThat(page.barText("KH-04")).isEqualTo("MENEILLÄÄN 10 %");
    }

    @Test
    void noOwnerNoteOrReason_isOnThePage_onAnyDay() {
        for (String day : List.of(YEAR_END, "2024-07-01", today())) {
            page.visit("?asOf=" + day);
            for (String internal : List.of(OWNER, NOTE, REASON, "koordinaattori")) {
                assertThat(page.source()).as("%s on %s", internal, day).doesNotContain(internal);
            }
        }
    }

    @Test
    void theYearEndReports_ofYearsThatHaveEnded_openWithoutSigningIn() {
        page.visit("?asOf=" + YEAR_END);
        int thisYear = LocalDate.now(ZoneId.of("Europe/Helsinki")).getYear();

        assertThat(page.reportYears()).isNotEmpty()
                                      .allSatisfy(year -> assertThat(Integer.parseInt(year)).isLessThan(thisYear))
                                      .contains("2023");
        page.openReport("2023");

        await().atMost(Duration.ofSeconds(20)).until(() -> browser.driver().getCurrentUrl().endsWith("/public/api/reports/year-end/2023"));
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).contains("2023");
        assertThat(browser.driver().getPageSource()).doesNotContain(OWNER).doesNotContain(NOTE).doesNotContain(REASON);
        browser.leftThePage(); // the report is not the page: its own checks do not apply
    }

    @Test
    void axeCore_findsNoWcag21AaViolation_inFinnishNorInEnglish() {
        page.visit("?asOf=" + YEAR_END);
        assertThat(AxeCheck.violations(browser.driver())).as("axe-core %s, in Finnish", AxeCheck.version(browser.driver()))
                                                         .isEmpty();

        page.switchLanguage("en");

        assertThat(page.summaryHeading()).isEqualTo("Status on 31 Dec 2023");
        assertThat(page.text()).contains("Open data").contains("Technical services sector");
        assertThat(AxeCheck.violations(browser.driver())).as("in English").isEmpty();

        browser.driver().executeScript("document.getElementById('main').append(Object.assign(document.createElement('img'),"
                                       + " {src: 'data:image/gif;base64,R0lGODlhAQABAAAAACw='}))");
        assertThat(AxeCheck.violations(browser.driver())).as("the check itself: an image without a text alternative")
                                                         .anyMatch(violation -> violation.startsWith("image-alt"));
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private static String today() {
        return LocalDate.now(ZoneId.of("Europe/Helsinki")).toString();
    }

    /** The Heinola roadmap, then KH-04 handed to a named owner and started, with a note and a reason. */
    private static void importHeinolaWithInternalDetails() throws IOException {
        String coordinator = TestTokens.mint("koordinaattori", "COORDINATOR");
        String csv = Files.readString(HEINOLA_CSV, StandardCharsets.UTF_8);
        Response imported = system.commands().post("/api/imports?effectiveDate=" + YEAR_END, coordinator, csv,
                                                   Map.of("Content-Type", "text/csv; charset=utf-8"));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        Response owner = system.commands().send("PUT", "/api/projects/KH-04/owner", coordinator,
                "{\"owner\":\"" + OWNER + "\",\"reason\":\"" + REASON + "\"}", Map.of());
        assertThat(owner.status()).as(owner.toString()).isBetween(200, 204);
        Response started = system.commands().post("/api/projects/KH-04/status-changes", coordinator,
                "{\"status\":\"IN_PROGRESS\",\"progressPercent\":10,\"effectiveDate\":\"2024-06-01\",\"note\":\"" + NOTE
                + "\",\"reason\":\"" + REASON + "\"}");
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        String reader = TestTokens.mint("johtoryhma", "MANAGEMENT");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Response list = system.queries().get("/api/projects?asOf=2024-07-01", reader);
            return list.status() == 200 && list.json().path("projects").size() == 57
                   && StreamSupport.stream(list.json().path("projects").spliterator(), false)
                                   .mapToLong(p -> p.path("version").asLong()).sum() == 61;
        });
    }
}
