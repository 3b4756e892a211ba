package fi.tiekartta.system;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "Omat hankkeet" in a real browser: an owner signed in with a bin/run sign-in link sees their own projects and
 * what the open round still needs, reports from the form (sent to the command-service, another origin, with
 * If-Match and Idempotency-Key) and sees the need disappear; a field error shown beside its field; a 412 explained
 * with the fresh state; axe-core on the view. Writes its screenshot to target/docs-img.
 */
class OwnerReportingPageIT {

    private static final Path SCREENSHOTS = Path.of("target", "docs-img");
    private static final String ROUND = "Tilinpäätös 2024";
    private static final String ROUND_AS_OF = "2024-12-31";

    private static final String COORDINATOR = TestTokens.mint("koordinaattori", "COORDINATOR");
    private static final String OWNER = TestTokens.mint("matti.m", "OWNER");

    private static RunningSystem system;
    private static ReportingFixture fixture;
    private static String roundId;

    @RegisterExtension
    static final BrowserTestLifecycle browser = BrowserTestLifecycle.startingFirst(OwnerReportingPageIT::start);

    private ReportingPage page;

    private static void start(BrowserTestLifecycle.Started started) {
        system = started.closedAfterTheClass(RunningSystem.startForThePage("owner-reporting", Map.of(), Map.of()));
        fixture = new ReportingFixture(system, COORDINATOR).importHeinola()
                .assignOwner("TE-10", "matti.m").assignOwner("TE-08", "matti.m").assignOwner("KH-01", "matti.m")
                .assignOwner("HV-07", "liisa.k");
        roundId = fixture.openRound(ROUND, ROUND_AS_OF, "2025-01-15");
    }

    @BeforeEach
    void newPage() {
        page = new ReportingPage(browser.driver(), system.pageUrl());
    }

    @Test
    void anOwner_seesTheirOwnProjectsAndWhatTheRoundNeeds_reportsFromTheForm_andTheNeedDisappears() {
        page.visit("", OWNER);
        page.awaitOwnView();
        assertThat(page.ownHeading()).as("an owner's first view").isEqualTo("Omat hankkeet");
        assertThat(page.ownProjectIds()).containsExactlyInAnyOrder("KH-01", "TE-08", "TE-10");
        assertThat(page.roundNeeds()).containsOnlyKeys(ROUND);
        assertThat(page.roundNeeds().get(ROUND)).contains("TE-10");

        page.openReport("TE-10");
        assertThat(page.reportHeading()).isEqualTo("Raportoi tila: TE-10 Vesimittareiden vaihto etäluettaviksi");
        assertThat(page.reportCurrent()).contains("MENEILLÄÄN 60 %");
        assertThat(page.value("Voimassa päivästä")).as("the open round's as-of day").isEqualTo(ROUND_AS_OF);
        page.chooseStatus("Tila", "MENEILLÄÄN");
        page.type("Valmiusaste (%)", "75");
        page.type("Lisätieto", "75 % TEHTY");
        page.submitReport();

        page.awaitSaid("Hankkeen TE-10 tila on kirjattu.");
        assertThat(page.roundNeeds().getOrDefault(ROUND, List.of())).doesNotContain("TE-10");
        assertThat(page.ownProjectStatus("TE-10")).isEqualTo("MENEILLÄÄN 75 %");
        assertThat(page.focused().getDomAttribute("data-project-id")).as("focus back on the project's button").isEqualTo("TE-10");

        JsonNode round = fixture.awaitRound(roundId, r -> !ReportingFixture.missing(r, "TE-10"));
        JsonNode reported = StreamSupport.stream(round.path("projects").spliterator(), false)
                                         .filter(p -> p.path("projectId").asText().equals("TE-10")).findFirst().orElseThrow();
        assertThat(reported.path("reported").asBoolean()).isTrue();
        JsonNode history = system.queries().get("/api/projects/TE-10/history", COORDINATOR).json();
        JsonNode last = history.path("changes").get(history.path("changes").size() - 1);
        assertThat(last.path("actor").asText()).as("recorded as the token's subject").isEqualTo("matti.m");
        assertThat(last.path("effectiveDate").asText()).isEqualTo(ROUND_AS_OF);
        assertThat(last.path("progressPercent").asInt()).isEqualTo(75);
    }

    @Test
    void aFieldError_isShownBesideItsField_andNamedByIt() {
        page.visit("?view=own", OWNER);
        page.awaitOwnView();
        page.openReport("KH-01");
        page.chooseStatus("Tila", "SIIRTYY");
        page.submitReport();

        // What the command-service says of the same report, asked directly (a 400 records nothing).
        Response refused = system.commands().post("/api/projects/KH-01/status-changes", OWNER,
                "{\"status\":\"POSTPONED\",\"effectiveDate\":\"" + ROUND_AS_OF + "\"}");
        assertThat(refused.status()).isEqualTo(400);
        String message = StreamSupport.stream(refused.json().path("errors").spliterator(), false)
                                      .filter(e -> e.path("field").asText().equals("targetYear"))
                                      .map(e -> e.path("message").asText()).findFirst().orElseThrow();

        assertThat(page.fieldError("Tavoitevuosi")).contains(message);
        WebElement targetYear = page.field("Tavoitevuosi");
        assertThat(page.focused()).as("focus on the field to fix").isEqualTo(targetYear);
        WebElement error = browser.driver().findElement(By.id(targetYear.getDomAttribute("id") + "-error"));
        assertThat(error.findElement(By.xpath("..")))
                .as("beside its field").isEqualTo(targetYear.findElement(By.xpath("..")));

        assertThat(AxeCheck.violations(browser.driver())).as("axe-core %s, the form with an error, in Finnish",
                                                              AxeCheck.version(browser.driver())).isEmpty();
        page.page.switchLanguage("en");
        assertThat(page.field("Target year")).isEqualTo(targetYear);
        assertThat(AxeCheck.violations(browser.driver())).as("in English").isEmpty();
        page.page.switchLanguage("fi");
    }

    @Test
    void aChangeMadeMeanwhile_isExplained_withTheFreshState_andTheReportThenGoesThrough() {
        page.visit("?view=own", OWNER);
        page.awaitOwnView();
        page.openReport("TE-08");
        assertThat(page.reportCurrent()).contains("TULOSSA Q1/2024");

        // The coordination group changes the project while the form is open.
        Response meanwhile = fixture.report(COORDINATOR, "TE-08", """
                {"status":"PLANNED","scheduledFor":"2025-Q2","effectiveDate":"2024-06-01","reason":"hankinta siirtyi"}""");
        page.chooseStatus("Tila", "MENEILLÄÄN");
        page.type("Valmiusaste (%)", "10");
        page.submitReport();

        assertThat(page.awaitFormError("report-form")).startsWith("Joku muutti hanketta sillä välin");
        await().atMost(Duration.ofSeconds(10)).until(() -> page.reportCurrent().contains("TULOSSA Q2/2025"));
        assertThat(browser.driver().findElement(By.id("report-form")).getDomAttribute("data-etag"))
                .as("the next try is based on the fresh version").isEqualTo(meanwhile.header("ETag").orElseThrow());
        assertThat(page.value("Valmiusaste (%)")).as("what was typed is kept").isEqualTo("10");

        page.submitReport();
        page.awaitSaid("Hankkeen TE-08 tila on kirjattu.");
        assertThat(page.ownProjectStatus("TE-08")).isEqualTo("MENEILLÄÄN 10 %");
    }

    @Test
    void theOwnView_passesAxeCore_inBothLanguages() {
        page.visit("?view=own", OWNER);
        page.awaitOwnView();
        page.openReport("KH-01");
        page.page.screenshot(SCREENSHOTS.resolve("own-projects.png"), true);
        assertThat(AxeCheck.violations(browser.driver())).as("axe-core %s, in Finnish", AxeCheck.version(browser.driver()))
                                                          .isEmpty();
        page.page.switchLanguage("en");
        assertThat(page.ownHeading()).isEqualTo("My projects");
        assertThat(AxeCheck.violations(browser.driver())).as("in English").isEmpty();
        page.page.switchLanguage("fi");
    }
}
