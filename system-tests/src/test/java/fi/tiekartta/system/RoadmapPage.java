package fi.tiekartta.system;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The roadmap page as a test sees it: what a person would look at and do, by role and label where possible. */
final class RoadmapPage {

    private final ChromeDriver driver;
    private final String baseUrl;
    private final WebDriverWait wait;

    RoadmapPage(ChromeDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    /** A new visit: nothing remembered from earlier tests (language, token), then the page at query. */
    RoadmapPage visit(String query, String token) {
        driver.get(baseUrl + "/ui-config.json");
        script("window.localStorage.clear(); window.sessionStorage.clear();");
        driver.get(baseUrl + "/" + query + (token == null ? "" : "#token=" + token));
        wait.until(d -> script("return document.body.dataset.view || ''") instanceof String view && !view.isEmpty()
                        && !Boolean.TRUE.equals(script("return document.body.dataset.loading === 'true'")));
        return this;
    }

    void reload() {
        driver.navigate().refresh();
        wait.until(d -> !Boolean.TRUE.equals(script("return document.body.dataset.loading === 'true'"))
                        && script("return document.body.dataset.view || ''") instanceof String view && !view.isEmpty());
    }

    String currentUrl() {
        return driver.getCurrentUrl();
    }

    // --- the date controls ----------------------------------------------------------------------------------

    String asOfControl() {
        return driver.findElement(By.id("as-of")).getDomProperty("value");
    }

    /**
     * Sets the date control and presses the show button, as a person would; the value is set through the DOM
     * because a date field's typing order follows the browser's locale.
     */
    void showAsOf(String date) {
        showAsOf(date, "");
    }

    void showAsOf(String date, String knownAtUtc) {
        script("document.getElementById('lanes').removeAttribute('data-loaded-as-of');");
        WebElement asOf = labelled("as-of");
        script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
               asOf, date);
        script("arguments[0].value = arguments[1];", labelled("known-at"), knownAtUtc);
        driver.findElement(By.id("show")).click();
        awaitRoadmapAsOf(date);
    }

    void awaitRoadmapAsOf(String date) {
        wait.until(d -> date.equals(driver.findElement(By.id("lanes")).getDomAttribute("data-loaded-as-of")));
    }

    /** The control with id, after checking that a label names it (every control is labelled). */
    private WebElement labelled(String id) {
        WebElement label = driver.findElement(By.cssSelector("label[for='" + id + "']"));
        if (label.getText().isBlank()) {
            throw new AssertionError("the control " + id + " has an empty label");
        }
        return driver.findElement(By.id(id));
    }

    // --- the filter and the pages ---------------------------------------------------------------------------

    /** Chooses a sector and a status (a code, or "" for all) in their labelled lists and presses the show button. */
    void filter(String sector, String status) {
        script("document.getElementById('lanes').removeAttribute('data-loaded-as-of');");
        String asOf = asOfControl();
        new Select(labelled("sector-filter")).selectByValue(sector);
        new Select(labelled("status-filter")).selectByValue(status);
        driver.findElement(By.id("show")).click();
        awaitRoadmapAsOf(asOf);
    }

    /** The chosen sector and status, as the lists show them: their values (codes) and their visible texts. */
    List<String> filterChoice() {
        return List.of(driver.findElement(By.id("sector-filter")).getDomProperty("value"),
                       driver.findElement(By.id("status-filter")).getDomProperty("value"),
                       new Select(labelled("sector-filter")).getFirstSelectedOption().getText(),
                       new Select(labelled("status-filter")).getFirstSelectedOption().getText());
    }

    /** What the filter lists offer: their visible texts, "all" first. */
    List<String> filterOptions(String id) {
        return new Select(labelled(id)).getOptions().stream().map(WebElement::getText).toList();
    }

    boolean showMoreOffered() {
        return driver.findElement(By.id("show-more")).isDisplayed();
    }

    /** Presses "Näytä lisää" and waits until the bars it brought are drawn. */
    void showMore() {
        int before = barCount();
        driver.findElement(By.id("show-more")).click();
        wait.until(d -> barCount() > before
                        && !Boolean.TRUE.equals(script("return document.body.dataset.loading === 'true'")));
    }

    String showMoreText() {
        return driver.findElement(By.id("show-more")).getText();
    }

    String shownOfTotal() {
        return driver.findElement(By.id("shown-of-total")).getText();
    }

    String summaryFilter() {
        return driver.findElement(By.id("summary-filter")).getText();
    }

    /** The total a lane's heading gives. */
    String laneTotal(String sector) {
        return driver.findElement(By.cssSelector("section.lane[data-sector='" + sector + "'] .lane-total")).getText();
    }

    /** What a lane says below its bars (how many of its projects are shown), or "" when it says nothing. */
    String laneNote(String sector) {
        return driver.findElements(By.cssSelector("section.lane[data-sector='" + sector + "'] p.lane-empty")).stream()
                     .map(WebElement::getText).findFirst().orElse("");
    }

    /** The summary's counts by status, as written: label → count. */
    Map<String, Integer> summaryCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        driver.findElements(By.cssSelector("#summary-counts li")).forEach(chip ->
                counts.put(chip.findElement(By.className("chip-label")).getText(),
                           Integer.parseInt(chip.findElement(By.className("chip-count")).getText())));
        return counts;
    }

    // --- lanes and bars -------------------------------------------------------------------------------------

    List<String> laneHeadings() {
        return driver.findElements(By.cssSelector("section.lane h2 .lane-name")).stream().map(WebElement::getText).toList();
    }

    int barCount() {
        return driver.findElements(By.cssSelector("section.lane button.bar")).size();
    }

    WebElement bar(String projectId) {
        return driver.findElement(By.cssSelector("button.bar[data-project-id='" + projectId + "']"));
    }

    String barText(String projectId) {
        return bar(projectId).getText().strip();
    }

    /** The bar's accessible name as assistive technology computes it (Chromium's accessibility tree). */
    String barAccessibleName(String projectId) {
        return bar(projectId).getAccessibleName();
    }

    /** The years a lane's columns are headed with. */
    List<String> yearColumns(String sector) {
        return driver.findElements(By.cssSelector("section.lane[data-sector='" + sector + "'] thead th[data-year]"))
                     .stream().map(th -> th.getDomAttribute("data-year")).toList();
    }

    /** The years a project's bar covers: the year columns its table cell spans. */
    List<String> barYears(String projectId) {
        @SuppressWarnings("unchecked")
        List<String> years = (List<String>) script("""
                const cell = arguments[0].closest('td');
                let column = 0;
                for (let c = cell.previousElementSibling; c; c = c.previousElementSibling) { column += c.colSpan; }
                const heads = [...cell.closest('table').querySelectorAll('thead th')];
                return heads.slice(column, column + cell.colSpan).map(th => th.dataset.year);""", bar(projectId));
        return years;
    }

    /** A lane's counts by status, as written: label → count. */
    Map<String, Integer> laneCounts(String sector) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        driver.findElements(By.cssSelector("section.lane[data-sector='" + sector + "'] ul.counts li")).forEach(chip ->
                counts.put(chip.findElement(By.className("chip-label")).getText(),
                           Integer.parseInt(chip.findElement(By.className("chip-count")).getText())));
        return counts;
    }

    String summaryHeading() {
        return driver.findElement(By.id("summary-heading")).getText();
    }

    // --- history panel --------------------------------------------------------------------------------------

    boolean historyOpen() {
        return Boolean.TRUE.equals(script("return document.getElementById('history').open"));
    }

    void awaitHistoryOpen() {
        wait.until(d -> historyOpen() && !d.findElements(By.cssSelector("#history-body ol.timeline > li")).isEmpty());
    }

    void awaitHistoryClosed() {
        wait.until(d -> !historyOpen());
    }

    String historyHeading() {
        return driver.findElement(By.id("history-heading")).getText();
    }

    List<WebElement> historyChanges() {
        return driver.findElements(By.cssSelector("#history-body ol.timeline > li"));
    }

    void closeHistoryWithButton() {
        driver.findElement(By.id("history-close")).click();
        awaitHistoryClosed();
    }

    // --- keyboard, language, messages -----------------------------------------------------------------------

    WebElement focused() {
        return driver.switchTo().activeElement();
    }

    void switchLanguage(String lang) {
        driver.findElement(By.cssSelector("button.lang-button[data-lang='" + lang + "']")).click();
        wait.until(d -> lang.equals(htmlLang()));
    }

    String htmlLang() {
        return driver.findElement(By.tagName("html")).getDomAttribute("lang");
    }

    boolean signInShown() {
        return driver.findElement(By.id("sign-in")).isDisplayed();
    }

    boolean roadmapShown() {
        return driver.findElement(By.id("roadmap-view")).isDisplayed();
    }

    String alertText() {
        wait.until(d -> !d.findElement(By.id("alert")).getText().isBlank());
        return driver.findElement(By.id("alert")).getText();
    }

    void signInWithPastedLink(String link) {
        labelled("token-input").sendKeys(link);
        driver.findElement(By.cssSelector("#token-form button[type='submit']")).click();
    }


    // --- how the page loads -------------------------------------------------------------------------------

    /** The content of {@code <meta name="description">}, or null without one. */
    String metaDescription() {
        return (String) script("const meta = document.querySelector('meta[name=\"description\"]');"
                               + " return meta ? meta.getAttribute('content') : null;");
    }

    /**
     * The layout shifts of this document so far that no input caused, as the browser reports them to a
     * PerformanceObserver (buffered, so those from before this call too): their sum, which is at least the
     * cumulative layout shift a page audit reports, and for each shift its size and the elements that moved.
     */
    LayoutShifts layoutShifts() {
        Map<?, ?> measured = (Map<?, ?>) ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const shifts = [];
                const describe = (node) => !node ? '?' : node.nodeType !== 1 ? node.nodeName
                    : node.tagName.toLowerCase() + (node.id ? '#' + node.id : node.className ? '.' + String(node.className).split(' ')[0] : '');
                const observer = new PerformanceObserver((list) => list.getEntries()
                    .filter((e) => !e.hadRecentInput)
                    .forEach((e) => shifts.push({ value: e.value,
                        what: e.value.toFixed(3) + ' ' + (e.sources || []).map((s) => describe(s.node)).join(' ') })));
                observer.observe({ type: 'layout-shift', buffered: true });
                // a frame or two for what the last answer drew, then report
                setTimeout(() => { observer.disconnect();
                    done({ total: shifts.reduce((sum, s) => sum + s.value, 0), shifts: shifts.map((s) => s.what) }); }, 600);
                """);
        return new LayoutShifts(((Number) measured.get("total")).doubleValue(),
                                ((List<?>) measured.get("shifts")).stream().map(String::valueOf).toList());
    }

    record LayoutShifts(double total, List<String> shifts) {
    }

    /** Lays the page out as on a phone of that size (as a page audit's mobile run does), until {@link #desktop}. */
    void phone(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
    }

    void desktop() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    // --- screenshots ----------------------------------------------------------------------------------------

    /** The whole page, however long, or only what is in the window. */
    void screenshot(Path file, boolean wholePage) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("format", "png");
        if (wholePage) {
            Number width = (Number) script("return document.documentElement.scrollWidth");
            Number height = (Number) script("return document.documentElement.scrollHeight");
            parameters.put("captureBeyondViewport", true);
            parameters.put("clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1));
        }
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", parameters);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Object script(String source, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(source, arguments);
    }
}
