package fi.tiekartta.system;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The page's reporting views as a test sees them: "Omat hankkeet" (an owner's projects, what open rounds need,
 * the report form) and the coordinator's reporting rounds. Controls are found through their labels, as a person
 * (or a screen reader) finds them.
 */
final class ReportingPage {

    final RoadmapPage page;
    private final ChromeDriver driver;
    private final WebDriverWait wait;

    ReportingPage(ChromeDriver driver, String baseUrl) {
        this.page = new RoadmapPage(driver, baseUrl);
        this.driver = driver;
        WebDriverWait waiting = new WebDriverWait(driver, Duration.ofSeconds(30));
        waiting.withMessage(this::describe);
        this.wait = waiting;
    }

    /** Where the page is, for a failed wait's message: address, view, what it says. */
    private String describe() {
        try {
            return "at " + driver.getCurrentUrl() + ", view " + view() + ", alert \""
                   + driver.findElement(By.id("alert")).getText() + "\", status lines \""
                   + driver.findElement(By.id("own-saved")).getText() + "\" \""
                   + driver.findElement(By.id("rounds-saved")).getText() + "\", script errors " + RoadmapPageBrowser.scriptErrors(driver)
                   + ", refused " + RoadmapPageBrowser.refusedByPolicy(driver);
        } catch (RuntimeException e) {
            return "at " + driver.getCurrentUrl() + " (" + e.getMessage() + ")";
        }
    }

    ReportingPage visit(String query, String token) {
        page.visit(query, token);
        return this;
    }

    String view() {
        return (String) page.script("return document.body.dataset.view || ''");
    }

    // --- "Omat hankkeet" -------------------------------------------------------------------------------------

    void awaitOwnView() {
        wait.until(d -> "own".equals(view()) && "true".equals(d.findElement(By.id("own-projects")).getDomAttribute("data-loaded")));
    }

    String ownHeading() {
        return driver.findElement(By.id("own-heading")).getText();
    }

    /** The project ids in the owner's table, in order. */
    List<String> ownProjectIds() {
        return driver.findElements(By.cssSelector("#own-projects tr.own-project")).stream()
                     .map(row -> row.getDomAttribute("data-project-id")).toList();
    }

    String ownProjectStatus(String projectId) {
        return driver.findElement(By.cssSelector("#own-projects tr.own-project[data-project-id='" + projectId + "'] .status-pill"))
                     .getText().strip();
    }

    /** The round's title → the project ids it still needs from this owner. */
    Map<String, List<String>> roundNeeds() {
        Map<String, List<String>> needs = new LinkedHashMap<>();
        driver.findElements(By.cssSelector("#own-rounds article.round-need")).forEach(round -> needs.put(
                round.findElement(By.tagName("h4")).getText(),
                round.findElements(By.cssSelector("li.missing-project")).stream()
                     .map(li -> li.getDomAttribute("data-project-id")).toList()));
        return needs;
    }

    boolean nothingMissingShown() {
        return !driver.findElements(By.id("own-nothing-missing")).isEmpty();
    }

    /** Presses "Raportoi tila" in the round's list where there is one for the project, else in the table. */
    void openReport(String projectId) {
        List<WebElement> inRound = driver.findElements(By.cssSelector(
                "#own-rounds button.report-button[data-project-id='" + projectId + "']"));
        WebElement button = inRound.isEmpty()
                ? driver.findElement(By.cssSelector("#own-projects button.report-button[data-project-id='" + projectId + "']"))
                : inRound.get(0);
        button.click();
        // Ready once the project's ETag, which the report will be based on, has arrived.
        wait.until(d -> d.findElement(By.id("report-panel")).isDisplayed()
                        && !Objects.toString(d.findElement(By.id("report-form")).getDomAttribute("data-etag"), "").isEmpty());
    }

    String reportHeading() {
        return driver.findElement(By.id("report-heading")).getText();
    }

    String reportCurrent() {
        return driver.findElement(By.id("report-current")).getText();
    }

    /** The field a label names: the label's text, as shown, picks the control. */
    WebElement field(String labelText) {
        WebElement label = driver.findElements(By.cssSelector("label")).stream()
                                 .filter(l -> l.isDisplayed() && l.getText().strip().equals(labelText))
                                 .findFirst()
                                 .orElseThrow(() -> new AssertionError("no visible label \"" + labelText + "\""));
        return driver.findElement(By.id(label.getDomAttribute("for")));
    }

    void chooseStatus(String label, String statusText) {
        new Select(field(label)).selectByVisibleText(statusText);
    }

    void type(String label, String text) {
        WebElement control = field(label);
        control.clear();
        control.sendKeys(text);
    }

    /** A date control's value is set through the DOM: its typing order follows the browser's locale. */
    void setDate(String label, String isoDate) {
        page.script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
                    field(label), isoDate);
    }

    String value(String label) {
        return field(label).getDomProperty("value");
    }

    void submitReport() {
        driver.findElement(By.id("report-submit")).click();
    }

    /** Waits until the status line after a report says expected, once the view has been drawn anew. */
    void awaitSaid(String expected) {
        wait.until(d -> expected.equals(d.findElement(By.id("own-saved")).getText()));
    }

    /** The error shown beside a field: the text of the element the control's aria-describedby names as its error. */
    String fieldError(String label) {
        WebElement control = field(label);
        wait.until(d -> "true".equals(control.getDomAttribute("aria-invalid")));
        String describedBy = control.getDomAttribute("aria-describedby");
        String errorId = Arrays.stream(describedBy.split("\\s+")).filter(id -> id.endsWith("-error")).findFirst()
                               .orElseThrow(() -> new AssertionError("aria-describedby names no error: " + describedBy));
        return driver.findElement(By.id(errorId)).getText();
    }

    String awaitFormError(String formId) {
        wait.until(d -> !d.findElement(By.cssSelector("#" + formId + " .form-error")).getText().isBlank());
        return driver.findElement(By.cssSelector("#" + formId + " .form-error")).getText();
    }

    WebElement focused() {
        return driver.switchTo().activeElement();
    }

    // --- reporting rounds --------------------------------------------------------------------------------------

    void awaitRoundsView() {
        wait.until(d -> "rounds".equals(view()) && d.findElement(By.id("rounds-list")).getDomAttribute("data-loaded-at") != null);
    }

    void openRound(String title, String asOf, String dueDate) {
        type("Nimi", title);
        setDate("Tilannepäivä", asOf);
        setDate("Määräpäivä", dueDate);
        driver.findElement(By.id("open-round-submit")).click();
    }

    /** Waits until the rounds' status line says expected (a wait that fails names what it said instead). */
    void awaitRoundsSaid(String expected) {
        wait.until(d -> expected.equals(d.findElement(By.id("rounds-saved")).getText()));
    }

    /*
     * The rounds view is drawn anew when a refresh brings news: what a test reads of a round it reads in one script,
     * so that it never holds an element from before a redraw.
     */
    private static final String ROUND = """
            const round = [...document.querySelectorAll('#rounds-list section.round')]
                .find(r => r.querySelector('h3').textContent.startsWith(arguments[0]));
            """;

    WebElement round(String title) {
        Object round = page.script(ROUND + "return round || null;", title);
        if (!(round instanceof WebElement element)) {
            throw new AssertionError("no round " + title);
        }
        return element;
    }

    void awaitRound(String title) {
        wait.until(d -> Boolean.TRUE.equals(page.script(ROUND + "return Boolean(round);", title)));
    }

    String roundId(String title) {
        return (String) page.script(ROUND + "return round ? round.dataset.roundId : null;", title);
    }

    String roundState(String title) {
        return (String) page.script(ROUND + "return round ? round.dataset.state : null;", title);
    }

    /** Sector code → [reported, missing], as the round's table says. */
    Map<String, List<Integer>> sectorCounts(String title) {
        @SuppressWarnings("unchecked")
        List<List<Object>> rows = (List<List<Object>>) page.script(ROUND + """
                return [...round.querySelectorAll('tr.sector-row')].map(row => [row.dataset.sector,
                    row.querySelector('.reported-count').textContent, row.querySelector('.missing-count').textContent]);""",
                title);
        Map<String, List<Integer>> counts = new LinkedHashMap<>();
        rows.forEach(row -> counts.put((String) row.get(0), List.of(Integer.parseInt((String) row.get(1)),
                                                                    Integer.parseInt((String) row.get(2)))));
        return counts;
    }

    /** Project id → the text of its line among the missing (with its owner). */
    Map<String, String> missingProjects(String title) {
        @SuppressWarnings("unchecked")
        List<List<String>> lines = (List<List<String>>) page.script(ROUND + """
                return [...round.querySelectorAll('li.missing-project')].map(li => [li.dataset.projectId, li.textContent]);""",
                title);
        Map<String, String> missing = new LinkedHashMap<>();
        lines.forEach(line -> missing.put(line.get(0), line.get(1)));
        return missing;
    }

    void refreshRounds() {
        String before = driver.findElement(By.id("rounds-list")).getDomAttribute("data-loaded-at");
        driver.findElement(By.id("rounds-refresh")).click();
        wait.until(d -> !String.valueOf(before).equals(d.findElement(By.id("rounds-list")).getDomAttribute("data-loaded-at")));
    }

    void closeRound(String title) {
        WebElement button = (WebElement) page.script(ROUND + "return round.querySelector('button.close-round');", title);
        button.click();
    }

    boolean hasCloseButton(String title) {
        return Boolean.TRUE.equals(page.script(ROUND + "return Boolean(round.querySelector('button.close-round'));", title));
    }

    // --- OIDC ---------------------------------------------------------------------------------------------------

    void pressOidcSignIn() {
        wait.until(d -> d.findElement(By.id("oidc-sign-in")).isDisplayed());
        driver.findElement(By.id("oidc-sign-in")).click();
    }
}
