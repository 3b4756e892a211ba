package fi.tiekartta.system;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;

/** The public roadmap page ({@code /julkinen/}) as a test sees it: no sign-in, the date control, lanes, reports. */
final class PublicRoadmapPage {

    private final ChromeDriver driver;
    private final String baseUrl;
    private final WebDriverWait wait;

    PublicRoadmapPage(ChromeDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    /** A new visit, with nothing remembered from earlier ones (the language), then the page at query. */
    PublicRoadmapPage visit(String query) {
        driver.get(baseUrl + "/julkinen/julkinen.css");
        script("window.localStorage.clear(); window.sessionStorage.clear();");
        driver.get(baseUrl + "/julkinen/" + query);
        awaitLoaded();
        return this;
    }

    void awaitLoaded() {
        wait.until(d -> "public".equals(script("return document.body.dataset.view || ''"))
                        && !Boolean.TRUE.equals(script("return document.body.dataset.loading === 'true'"))
                        && script("return document.getElementById('lanes').dataset.loadedAsOf || ''") instanceof String day
                        && !day.isEmpty());
    }

    String currentUrl() {
        return driver.getCurrentUrl();
    }

    /** Sets the date control and presses the show button, as a person would. */
    void showAsOf(String date) {
        script("document.getElementById('lanes').removeAttribute('data-loaded-as-of');");
        WebElement asOf = driver.findElement(By.id("as-of"));
        assertLabelled("as-of");
        script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
               asOf, date);
        driver.findElement(By.id("show")).click();
        wait.until(d -> date.equals(d.findElement(By.id("lanes")).getDomAttribute("data-loaded-as-of")));
    }

    List<String> laneHeadings() {
        return driver.findElements(By.cssSelector("section.lane h2 .lane-name")).stream().map(WebElement::getText).toList();
    }

    int barCount() {
        return driver.findElements(By.cssSelector("section.lane .bar")).size();
    }

    int buttonsInLanes() {
        return driver.findElements(By.cssSelector("#lanes button")).size();
    }

    String barText(String projectId) {
        return driver.findElement(By.cssSelector(".bar[data-project-id='" + projectId + "']")).getText().strip();
    }

    String summaryHeading() {
        return driver.findElement(By.id("summary-heading")).getText();
    }

    boolean noProjectsShown() {
        return driver.findElement(By.id("summary-empty")).isDisplayed();
    }

    List<String> reportYears() {
        return driver.findElements(By.cssSelector("#report-links a.report-open")).stream()
                     .map(a -> a.getDomAttribute("data-year")).toList();
    }

    void openReport(String year) {
        driver.findElement(By.cssSelector("#report-links a.report-open[data-year='" + year + "']")).click();
    }

    String csvLink() {
        return driver.findElement(By.id("roadmap-csv")).getDomProperty("href");
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    String source() {
        return driver.getPageSource();
    }

    void switchLanguage(String lang) {
        driver.findElement(By.cssSelector("button.lang-button[data-lang='" + lang + "']")).click();
        wait.until(d -> lang.equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
    }


    private void assertLabelled(String id) {
        if (driver.findElement(By.cssSelector("label[for='" + id + "']")).getText().isBlank()) {
            throw new AssertionError("the control " + id + " has an empty label");
        }
    }

    private Object script(String source, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(source, arguments);
    }
}
