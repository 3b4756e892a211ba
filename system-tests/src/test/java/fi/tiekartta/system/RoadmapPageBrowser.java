package fi.tiekartta.system;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver: no browser or driver is downloaded (both
 * paths are given, so Selenium Manager has nothing to look up), and the flags keep Chromium off the network
 * but for the page under test. Each start gets a fresh profile, removed at close.
 */
final class RoadmapPageBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /**
     * Installed before any page script runs (DevTools, so the page's own policy does not apply to it): collects
     * what the Content-Security-Policy refused and any script error, for the tests to assert there is none.
     */
    private static final String WATCH = """
            window.__refused = []; window.__errors = [];
            document.addEventListener('securitypolicyviolation',
                e => window.__refused.push(e.violatedDirective + ' ' + e.blockedURI));
            window.addEventListener('error', e => window.__errors.push(String(e.message)));
            window.addEventListener('unhandledrejection', e => window.__errors.push(String(e.reason)));
            """;

    final ChromeDriver driver;
    private final Path profile;

    private RoadmapPageBrowser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Why a browser test class was skipped. */
    static final String NOT_INSTALLED = "skipped: the browser tests need Debian's chromium and chromium-driver ("
                                        + CHROMIUM + ", " + CHROMEDRIVER + "), and this machine lacks one; install them with: "
                                        + "apt-get install -y --no-install-recommends chromium chromium-driver (.ci/run does)";

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    static RoadmapPageBrowser start() {
        Path profile;
        try {
            profile = Files.createTempDirectory("roadmap-page-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync",
                             "--no-first-run", "--disable-quic", "--user-data-dir=" + profile,
                             "--window-size=1280,1000", "--force-prefers-reduced-motion");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(Path.of("target", "chromedriver.log").toFile())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WATCH));
        return new RoadmapPageBrowser(driver, profile);
    }

    /** What the policy of the page in the window refused, since that page was loaded ({@link #WATCH}). */
    static List<?> refusedByPolicy(WebDriver driver) {
        return (List<?>) ((JavascriptExecutor) driver).executeScript("return window.__refused || []");
    }

    /** What the scripts of the page in the window threw, since that page was loaded ({@link #WATCH}). */
    static List<?> scriptErrors(WebDriver driver) {
        return (List<?>) ((JavascriptExecutor) driver).executeScript("return window.__errors || []");
    }

    /** What every browser test ends with: the page threw nothing, and its policy refused nothing it asked for. */
    void assertThePageRanCleanly() {
        assertThat(scriptErrors(driver)).as("script errors").isEmpty();
        assertThat(refusedByPolicy(driver)).as("refused by the Content-Security-Policy").isEmpty();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind is no test failure
            }
        }
    }
}
