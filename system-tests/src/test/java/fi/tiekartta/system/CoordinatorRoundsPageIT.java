package fi.tiekartta.system;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The coordination group's reporting rounds in a real browser: opening a round from the form, reported and missing
 * per sector, the missing projects with their owners, the view following an owner's report without a reload,
 * closing the round and opening its report; a refused round's field errors beside their fields; axe-core on the view. Writes its
 * screenshot to target/docs-img.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // each test's round is closed before the next opens one
class CoordinatorRoundsPageIT {

    private static final Path SCREENSHOTS = Path.of("target", "docs-img");
    private static final Map<String, String> LABELS = Map.of("title", "Nimi", "asOf", "Tilannepäivä", "dueDate", "Määräpäivä");

    private static final String COORDINATOR = TestTokens.mint("koordinaattori", "COORDINATOR");
    private static final String OWNER = TestTokens.mint("matti.m", "OWNER");

    private static RunningSystem system;
    private static ReportingFixture fixture;

    @RegisterExtension
    static final BrowserTestLifecycle browser = BrowserTestLifecycle.startingFirst(CoordinatorRoundsPageIT::start);

    private ReportingPage page;

    private static void start(BrowserTestLifecycle.Started started) {
        system = started.closedAfterTheClass(RunningSystem.startForThePage("coordinator-rounds", Map.of(), Map.of()));
        fixture = new ReportingFixture(system, COORDINATOR).importHeinola()
                .assignOwner("TE-10", "matti.m").assignOwner("HV-07", "liisa.k");
    }

    @BeforeEach
    void newPage() {
        page = new ReportingPage(browser.driver(), system.pageUrl());
    }

    @Test
    @Order(1)
    void theCoordinator_opensARound_seesWhoIsMissingPerSector_theViewFollowsAnOwnersReport_andClosesIt() {
        String title = "Puolivuotiskatsaus 2024";
        page.visit("?view=rounds", COORDINATOR);
        page.awaitRoundsView();

        page.openRound(title, "2024-06-30", "2024-07-15");
        page.awaitRoundsSaid("Kierros " + title + " on avattu.");
        page.awaitRound(title);
        assertThat(page.roundState(title)).isEqualTo("OPEN");

        String roundId = page.roundId(title);
        JsonNode round = fixture.awaitRound(roundId, r -> true);
        assertThat(page.sectorCounts(title)).as("as the query API counts them").isEqualTo(sectorCounts(round));
        assertThat(page.sectorCounts(title).values()).allSatisfy(counts -> assertThat(counts.get(0)).isZero());
        assertThat(page.sectorCounts(title).get("TEKNIIKKA").get(1)).isPositive();
        Map<String, String> missing = page.missingProjects(title);
        assertThat(missing.get("TE-10")).contains("matti.m");
        assertThat(missing.get("HV-07")).contains("liisa.k");
        int missingInTekniikka = page.sectorCounts(title).get("TEKNIIKKA").get(1);

        // The owner reports (with curl, or the page in another browser); the coordinator's view follows on its own.
        fixture.report(OWNER, "TE-10", """
                {"status":"IN_PROGRESS","progressPercent":65,"effectiveDate":"2024-06-30","note":"65 % TEHTY"}""");
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500))
               .until(() -> page.sectorCounts(title).get("TEKNIIKKA").equals(List.of(1, missingInTekniikka - 1)));
        assertThat(page.missingProjects(title)).doesNotContainKey("TE-10").containsKey("HV-07");

        page.page.screenshot(SCREENSHOTS.resolve("reporting-rounds.png"), true);

        page.closeRound(title);
        page.awaitRoundsSaid("Kierros " + title + " on suljettu.");
        assertThat(page.roundState(title)).isEqualTo("CLOSED");
        assertThat(page.hasCloseButton(title)).isFalse();
        assertThat(fixture.awaitRound(roundId, r -> true).path("state").asText()).isEqualTo("CLOSED");

        assertThat(openedReportText(title)).as("the closed round's report, fetched with the token").contains(title);
    }

    /** Follows the round's report link, which opens the report in a new tab, and reads that tab's text. */
    private String openedReportText(String title) {
        String pageWindow = browser.driver().getWindowHandle();
        WebElement link = (WebElement) page.page.script("""
                return [...document.querySelectorAll('#rounds-list section.round')]
                    .find(r => r.querySelector('h3').textContent.startsWith(arguments[0]))
                    .querySelector('a.round-report-open');""", title);
        link.click();
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.driver().getWindowHandles().size() == 2);
        String reportWindow = browser.driver().getWindowHandles().stream().filter(h -> !h.equals(pageWindow))
                                              .findFirst().orElseThrow();
        try {
            browser.driver().switchTo().window(reportWindow);
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.driver().getCurrentUrl().startsWith("blob:")
                    && !browser.driver().findElement(By.tagName("body")).getText().isBlank());
            return browser.driver().findElement(By.tagName("body")).getText();
        } finally {
            browser.driver().close();
            browser.driver().switchTo().window(pageWindow);
        }
    }

    @Test
    @Order(2)
    void aRefusedRound_showsEachFieldErrorBesideItsField() {
        page.visit("?view=rounds", COORDINATOR);
        page.awaitRoundsView();
        page.openRound("Väärin päin", "2024-12-31", "2024-01-15");

        // What the command-service says of the same round, asked directly (a 400 records nothing).
        Response refused = system.commands().post("/api/reporting-rounds", COORDINATOR,
                "{\"title\":\"Väärin päin\",\"asOf\":\"2024-12-31\",\"dueDate\":\"2024-01-15\"}");
        assertThat(refused.status()).isEqualTo(400);
        List<JsonNode> errors = StreamSupport.stream(refused.json().path("errors").spliterator(), false).toList();
        assertThat(errors).isNotEmpty();
        for (JsonNode error : errors) {
            String label = LABELS.get(error.path("field").asText());
            assertThat(label).as("a field of the form: " + error).isNotNull();
            assertThat(page.fieldError(label)).contains(error.path("message").asText());
        }
        assertThat(AxeCheck.violations(browser.driver())).as("axe-core %s, the form with errors", AxeCheck.version(browser.driver()))
                                                          .isEmpty();
    }

    @Test
    @Order(3)
    void theRoundsView_passesAxeCore_inBothLanguages_andOnlyACoordinatorMayOpenOrClose() {
        fixture.openRound("Tilinpäätös 2024", "2024-12-31", "2025-01-15");
        page.visit("?view=rounds", COORDINATOR);
        page.awaitRoundsView();
        page.awaitRound("Tilinpäätös 2024");
        assertThat(AxeCheck.violations(browser.driver())).as("axe-core %s, in Finnish", AxeCheck.version(browser.driver()))
                                                          .isEmpty();
        page.page.switchLanguage("en");
        assertThat(AxeCheck.violations(browser.driver())).as("in English").isEmpty();
        page.page.switchLanguage("fi");

        page.visit("?view=rounds", TestTokens.mint("johtoryhma", "MANAGEMENT"));
        page.awaitRoundsView();
        page.awaitRound("Tilinpäätös 2024");
        assertThat(page.hasCloseButton("Tilinpäätös 2024")).as("management reads, does not close").isFalse();
        assertThat(browser.driver().findElement(By.id("open-round")).isDisplayed()).isFalse();
    }

    private static Map<String, List<Integer>> sectorCounts(JsonNode round) {
        Map<String, List<Integer>> counts = new LinkedHashMap<>();
        round.path("sectors").forEach(s -> counts.put(s.path("sector").asText(),
                                                       List.of(s.path("reported").asInt(), s.path("missing").asInt())));
        return counts;
    }
}
