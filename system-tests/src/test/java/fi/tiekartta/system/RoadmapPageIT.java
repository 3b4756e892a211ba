package fi.tiekartta.system;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The roadmap page in a real browser (Debian's headless Chromium) against both services on a fresh database
 * holding the imported Heinola roadmap: what management sees on 31.12.2023, how moving the date moves a bar,
 * the history panel, the keyboard, English, and signing in. Writes the README's screenshots to target/docs-img,
 * never into the sources, so that a test run leaves the tree clean; bin/refresh-doc-images copies them to docs/img.
 */
class RoadmapPageIT {

    private static final Path HEINOLA_CSV = Path.of("..", "data", "heinola-digitiekartta.csv");
    private static final Path SCREENSHOTS = Path.of("target", "docs-img");
    private static final String YEAR_END = "2023-12-31";
    private static final List<String> SECTOR_LABELS = List.of(
            "Kaupunkitasoiset kärkihankkeet", "Elinvoimatoimiala", "Hyvinvointitoimiala", "Tekniikkatoimiala",
            "Lupa- ja valvontatoimiala", "Yhteiset palvelut -toimiala");

    private static RunningSystem system;
    private static Instant importedAt;

    @RegisterExtension
    static final BrowserTestLifecycle browser = BrowserTestLifecycle.startingFirst(RoadmapPageIT::start);

    private final String management = TestTokens.mint("johtoryhma", "MANAGEMENT");
    private final String coordinator = TestTokens.mint("koordinaattori", "COORDINATOR");
    private RoadmapPage page;

    private static void start(BrowserTestLifecycle.Started started) throws IOException {
        system = started.closedAfterTheClass(RunningSystem.start("roadmap-page"));
        importHeinola();
    }

    @BeforeEach
    void newPage() {
        // The host as bin/run's sign-in link names it.
        page = new RoadmapPage(browser.driver(), system.queryService.baseUrl().replace("127.0.0.1", "localhost"));
    }

    @Test
    void theRoadmapOfTheEndOf2023_showsTheHeinolaProjectsInSixSectorLanes_withTheirStatuses() {
        page.visit("", management);
        assertThat(page.currentUrl()).as("the token leaves the address bar").doesNotContain("token");
        assertThat(page.asOfControl()).as("today by default").isEqualTo(LocalDate.now(ZoneId.of("Europe/Helsinki")).toString());

        page.showAsOf(YEAR_END);

        assertThat(page.htmlLang()).isEqualTo("fi");
        assertThat(page.summaryHeading()).isEqualTo("Tilanne 31.12.2023");
        assertThat(page.laneHeadings()).isEqualTo(SECTOR_LABELS);
        assertThat(page.barCount()).isEqualTo(57);
        assertThat(page.barText("TE-10")).isEqualTo("MENEILLÄÄN 60 %");
        assertThat(page.barText("HV-07")).isEqualTo("SIIRTYY 2027");
        assertThat(page.barText("EV-04")).isEqualTo("SIIRTYY 2025");
        assertThat(page.barText("TE-08")).isEqualTo("TULOSSA Q1/2024");
        assertThat(page.barText("KH-04")).isEqualTo("EI ALOITETTU");
        assertThat(page.barAccessibleName("TE-10")).isEqualTo("TE-10 Vesimittareiden vaihto etäluettaviksi MENEILLÄÄN 60 %");
        assertThat(page.laneCounts("TEKNIIKKA")).isEqualTo(Map.of(
                "SELVITETÄÄN", 3, "TULOSSA", 3, "MENEILLÄÄN", 3, "VALMIS", 1, "EI TARVETTA", 2));
        assertThat(page.laneCounts("HYVINVOINTI")).isEqualTo(Map.of(
                "EI ALOITETTU", 1, "SIIRTYY", 3, "MENEILLÄÄN", 1, "VALMIS", 5, "TEHDÄÄN OSANA", 1));

        page.screenshot(SCREENSHOTS.resolve("roadmap-2023-12-31.png"), true);
    }

    @Test
    void loadingTheRoadmap_movesNothingOnThePage_andThePageDescribesItself_inBothLanguages() {
        // A page audit's limit for a good cumulative layout shift; the page's own layout should not need it.
        double limit = 0.1;
        page.visit("?asOf=" + YEAR_END, management);
        page.awaitRoadmapAsOf(YEAR_END);
        RoadmapPage.LayoutShifts desktop = page.layoutShifts();
        System.out.printf("RoadmapPageIT: layout shift on loading, 1280 x 1000: %.4f %s%n", desktop.total(), desktop.shifts());
        assertThat(desktop.total()).as("layout shift on loading, 1280 x 1000: %s", desktop.shifts()).isLessThanOrEqualTo(limit);
        assertThat(page.metaDescription()).startsWith("Digitiekartta").contains("toimialoittain");

        page.phone(412, 823);
        try {
            page.visit("?asOf=" + YEAR_END, management);
            page.awaitRoadmapAsOf(YEAR_END);
            RoadmapPage.LayoutShifts phone = page.layoutShifts();
            System.out.printf("RoadmapPageIT: layout shift on loading, 412 x 823: %.4f %s%n", phone.total(), phone.shifts());
            assertThat(phone.total()).as("layout shift on loading, 412 x 823: %s", phone.shifts()).isLessThanOrEqualTo(limit);
        } finally {
            page.desktop();
        }

        page.switchLanguage("en");
        assertThat(page.metaDescription()).startsWith("Digital roadmap").contains("by sector");
        page.switchLanguage("fi");
    }

    @Test
    void movingTheDate_changesAProjectsBar_fromTheDayTheChangeTookEffect() {
        // knownAt is given to the second: leave a second between the import and this change, so that one exists.
        await().atMost(Duration.ofSeconds(3)).until(() -> Instant.now().isAfter(importedAt.plusMillis(1100)));
        Response changed = system.commands().post("/api/projects/KH-04/status-changes", coordinator, """
                {"status":"IN_PROGRESS","progressPercent":20,"effectiveDate":"2024-03-01",
                 "reason":"osallistumisalusta hankittu"}""");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(201);
        awaitProject("KH-04", "2024-03-02", p -> p.path("progressPercent").asInt() == 20);
        page.visit("?asOf=" + YEAR_END, management);
        assertThat(page.barText("KH-04")).isEqualTo("EI ALOITETTU");

        page.showAsOf("2024-03-02");
        assertThat(page.barText("KH-04")).isEqualTo("MENEILLÄÄN 20 %");
        assertThat(page.bar("KH-04").getDomAttribute("data-status")).isEqualTo("IN_PROGRESS");
        assertThat(page.laneCounts("KAUPUNKI")).isEqualTo(Map.of("EI ALOITETTU", 4, "MENEILLÄÄN", 10));

        page.showAsOf("2024-02-29");
        assertThat(page.barText("KH-04")).as("the day before it took effect").isEqualTo("EI ALOITETTU");

        page.showAsOf(YEAR_END);
        assertThat(page.barText("KH-04")).isEqualTo("EI ALOITETTU");
        assertThat(page.laneCounts("KAUPUNKI")).isEqualTo(Map.of("EI ALOITETTU", 5, "MENEILLÄÄN", 9));

        page.showAsOf("2024-03-02", knownAtBefore(changed));
        assertThat(page.barText("KH-04")).as("as known before the change was recorded").isEqualTo("EI ALOITETTU");
    }

    @Test
    void aProjectWithPlannedYears_isABarOverThoseYears_andTheColumnsWidenToThem() {
        Response registered = system.commands().post("/api/projects", coordinator, """
                {"projectId":"TE-13","sector":"TEKNIIKKA","title":"Katuvalojen etäohjaus","owner":"matti.m",
                 "plannedStartYear":2024,"plannedEndYear":2026}""");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String today = LocalDate.now(ZoneId.of("Europe/Helsinki")).toString();
        awaitProject("TE-13", today, p -> true);

        page.visit("?asOf=" + today, management);
        assertThat(page.yearColumns("TEKNIIKKA")).containsExactly("2022", "2023", "2024", "2025", "2026");
        assertThat(page.barYears("TE-13")).containsExactly("2024", "2025", "2026");
        assertThat(page.barYears("TE-10")).as("without planned years: the whole period")
                                          .containsExactly("2022", "2023", "2024", "2025", "2026");

        page.showAsOf(YEAR_END);
        assertThat(page.yearColumns("TEKNIIKKA")).as("before it was registered").containsExactly("2022", "2023", "2024", "2025");
    }

    @Test
    void theHistoryPanel_showsEveryChange_withWhoWhenWhy_andTheCorrection() {
        Response changed = system.commands().post("/api/projects/TE-10/status-changes", coordinator, """
                {"status":"IN_PROGRESS","progressPercent":80,"effectiveDate":"2024-03-01",
                 "reason":"kolmas vaihe valmis","note":"80 % TEHTY"}""");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(201);
        Response corrected = system.commands().post("/api/projects/TE-10/corrections", coordinator, """
                {"changeId":"%s","progressPercent":75,"note":"75 %% TEHTY","reason":"laskettu uudelleen mittarilistasta"}"""
                .formatted(changed.json().path("changeId").asText()));
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(201);
        awaitProject("TE-10", "2024-03-02", p -> p.path("progressPercent").asInt() == 75);

        page.visit("?asOf=2024-03-02", management);
        assertThat(page.barText("TE-10")).isEqualTo("MENEILLÄÄN 75 %");
        page.bar("TE-10").click();
        page.awaitHistoryOpen();

        assertThat(page.historyHeading()).isEqualTo("TE-10 Vesimittareiden vaihto etäluettaviksi");
        List<WebElement> changes = page.historyChanges();
        assertThat(changes).extracting(c -> c.getDomAttribute("data-type"))
                           .containsExactly("REGISTERED", "STATUS_CHANGED", "STATUS_CHANGED", "CORRECTED");
        assertThat(changes.get(1).getText()).contains("MENEILLÄÄN 60 %", "31.12.2023", "koordinaattori");
        assertThat(changes.get(2).getText()).contains("MENEILLÄÄN 80 %", "1.3.2024", "kolmas vaihe valmis", "KORJATTU",
                                                      "Korjattu myöhemmin");
        assertThat(changes.get(3).getText()).contains("MENEILLÄÄN 75 %", "laskettu uudelleen mittarilistasta",
                                                      "Korjaa muutoksen");
        page.screenshot(SCREENSHOTS.resolve("history-panel.png"), false);

        page.closeHistoryWithButton();
        assertThat(page.focused().getDomAttribute("data-project-id")).as("focus back on the bar").isEqualTo("TE-10");
    }

    @Test
    void theKeyboard_reachesABarWithTab_opensItsHistoryWithEnter_andEscapeClosesIt() {
        page.visit("?asOf=" + YEAR_END, management);
        List<String> path = new ArrayList<>();
        for (int presses = 0; presses < 40 && !isBar(page.focused()); presses++) {
            new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
            path.add(describe(page.focused()));
        }
        WebElement bar = page.focused();
        assertThat(isBar(bar)).as("Tab reached a bar; focus went " + path).isTrue();
        assertThat(bar.getDomAttribute("data-project-id")).isEqualTo("KH-01");
        assertThat(path).as("the skip link and every control come first").startsWith("a.skip-link");

        new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
        page.awaitHistoryOpen();
        assertThat(page.historyHeading()).startsWith("KH-01 ");
        assertThat(page.focused().getDomAttribute("id")).as("focus moves into the panel").isEqualTo("history-close");

        new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
        page.awaitHistoryClosed();
        assertThat(page.focused().getDomAttribute("data-project-id")).as("focus returns to the bar").isEqualTo("KH-01");

        new Actions(browser.driver()).sendKeys(Keys.SPACE).perform();
        page.awaitHistoryOpen();
        new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
        page.awaitHistoryClosed();
    }

    @Test
    void inEnglish_theStatusesReadInEnglish_andTheChoiceIsRemembered() {
        page.visit("?asOf=" + YEAR_END, management);
        page.switchLanguage("en");

        assertThat(page.barText("TE-10")).isEqualTo("in progress 60%");
        assertThat(page.barText("HV-07")).isEqualTo("postponed to 2027");
        assertThat(page.barText("KH-04")).isEqualTo("not started");
        assertThat(page.laneHeadings()).contains("Technical services sector");
        assertThat(page.summaryHeading()).isEqualTo("Status on 31 Dec 2023");

        page.reload();
        page.awaitRoadmapAsOf(YEAR_END);
        assertThat(page.htmlLang()).as("remembered").isEqualTo("en");
        assertThat(page.barText("EV-04")).isEqualTo("postponed to 2025");
        page.screenshot(SCREENSHOTS.resolve("roadmap-en.png"), false);

        page.switchLanguage("fi");
        assertThat(page.barText("EV-04")).isEqualTo("SIIRTYY 2025");
    }

    @Test
    void withoutAToken_thePageAsksForTheSignInLink_andAPastedLinkSignsIn() {
        page.visit("?asOf=" + YEAR_END, null);
        assertThat(page.signInShown()).isTrue();
        assertThat(page.roadmapShown()).isFalse();

        page.signInWithPastedLink(page.currentUrl().replaceAll("[?#].*$", "") + "#token=" + management);
        page.awaitRoadmapAsOf(YEAR_END);
        assertThat(page.barCount()).isEqualTo(57);
    }

    @Test
    void anExpiredToken_bringsBackTheSignInState_withAMessage() {
        String expired = TestTokens.mint(TestTokens.SECRET, "johtoryhma", Instant.now().minusSeconds(60), "MANAGEMENT");
        page.visit("?asOf=" + YEAR_END, expired);
        assertThat(page.signInShown()).isTrue();
        assertThat(page.alertText()).contains("vanhentunut");

        String forged = TestTokens.mint("not-the-services-secret-0000000000000000", "johtoryhma",
                                        Instant.now().plusSeconds(600), "MANAGEMENT");
        page.visit("?asOf=" + YEAR_END, forged);
        assertThat(page.alertText()).as("the server's 401").contains("vanhentunut");
        assertThat(page.signInShown()).isTrue();
    }

    @Test
    void aTokenWithoutARole_isToldItMayNotSeeTheRoadmap() {
        page.visit("?asOf=" + YEAR_END, TestTokens.mint("vierailija"));
        assertThat(page.alertText()).contains("ei ole oikeutta", "403");
        assertThat(page.barCount()).isZero();
    }

    @Test
    void theYearEndReportLink_opensTheReport_fetchedWithTheToken() {
        page.visit("?asOf=" + YEAR_END, management);
        String roadmapWindow = browser.driver().getWindowHandle();
        browser.driver().findElement(By.cssSelector("a.report-open[data-year='2023']")).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.driver().getWindowHandles().size() == 2);
        String reportWindow = browser.driver().getWindowHandles().stream().filter(h -> !h.equals(roadmapWindow))
                                           .findFirst().orElseThrow();
        try {
            browser.driver().switchTo().window(reportWindow);
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.driver().getTitle().contains("2023"));
            assertThat(browser.driver().getCurrentUrl()).startsWith("blob:");
            assertThat(browser.driver().findElement(By.tagName("h1")).getText()).contains("2023");
            // The report's own inline styles, which the blob document's inherited policy refuses, are applied anyway.
            await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(((JavascriptExecutor) browser.driver())
                    .executeScript("return document.querySelectorAll('style').length === 0"
                                   + " || document.adoptedStyleSheets.some(s => s.cssRules.length > 0)")));
        } finally {
            browser.driver().close();
            browser.driver().switchTo().window(roadmapWindow);
        }
    }

    @Test
    void theSignInSettings_areOpen_andNameNoIdentityProviderInLocalMode() {
        Response config = system.queries().get("/ui-config.json", null);
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().path("oidc").isNull()).isTrue();
        page.visit("", null); // for the checks after each test
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private static void importHeinola() throws IOException {
        String csv = Files.readString(HEINOLA_CSV, StandardCharsets.UTF_8);
        Response imported = system.commands().post("/api/imports?effectiveDate=" + YEAR_END,
                TestTokens.mint("koordinaattori", "COORDINATOR"), csv, Map.of("Content-Type", "text/csv; charset=utf-8"));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        importedAt = Instant.now();
        String reader = TestTokens.mint("johtoryhma", "MANAGEMENT");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Response list = system.queries().get("/api/projects?asOf=" + YEAR_END, reader);
            return list.status() == 200 && list.json().path("projects").size() == 57
                   && StreamSupport.stream(list.json().path("projects").spliterator(), false)
                                   .mapToLong(p -> p.path("version").asLong()).sum() == 59;
        });
    }

    private void awaitProject(String projectId, String asOf, Predicate<JsonNode> condition) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Response project = system.queries().get("/api/projects/" + projectId + "?asOf=" + asOf, management);
            return project.status() == 200 && condition.test(project.json());
        });
    }

    /** A UTC instant, to the second as the knownAt control takes it, before the change was recorded. */
    private String knownAtBefore(Response changed) {
        JsonNode history = system.queries().get("/api/projects/KH-04/history", management).json();
        String changeId = changed.json().path("changeId").asText();
        Instant recorded = StreamSupport.stream(history.path("changes").spliterator(), false)
                                        .filter(c -> c.path("changeId").asText().equals(changeId))
                                        .map(c -> Instant.parse(c.path("recordedAt").asText()))
                                        .findFirst().orElseThrow();
        Instant before = recorded.truncatedTo(ChronoUnit.SECONDS);
        return (before.equals(recorded) ? before.minusSeconds(1) : before).toString().replace("Z", "");
    }

    private static boolean isBar(WebElement element) {
        String classes = element.getDomAttribute("class");
        return classes != null && classes.contains("bar") && "button".equals(element.getTagName());
    }

    private static String describe(WebElement element) {
        String id = element.getDomAttribute("id");
        String classes = element.getDomAttribute("class");
        return element.getTagName() + (id != null ? "#" + id : classes != null ? "." + classes.split(" ")[0] : "");
    }
}
