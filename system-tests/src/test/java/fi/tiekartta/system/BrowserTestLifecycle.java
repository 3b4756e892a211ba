package fi.tiekartta.system;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;

import java.util.ArrayDeque;
import java.util.Deque;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every browser test class goes through, registered as a static field named {@code browser}:
 * <pre>
 * &#64;RegisterExtension
 * static final BrowserTestLifecycle browser = BrowserTestLifecycle.startingFirst(SomePageIT::start);
 * </pre>
 * Where Debian's chromium or chromedriver is missing (a developer's machine; {@code .ci/run} installs both), the
 * class starts nothing and each of its tests is skipped with the reason, so that the count and the reason show.
 * Otherwise the class's own start runs (its system, its data), then {@link RoadmapPageBrowser} starts; after each
 * test the page threw nothing and its policy refused nothing; after the class, what was started is closed, the
 * last started first, each even when closing one before it failed.
 */
final class BrowserTestLifecycle implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    /** What a browser test class starts before the browser: it hands each thing it starts to be closed after it. */
    @FunctionalInterface
    interface ClassStart {
        void start(Started started) throws Exception;
    }

    /** What a class started, to be closed after its tests, the last started first. */
    static final class Started {
        private final Deque<AutoCloseable> started = new ArrayDeque<>();

        <T extends AutoCloseable> T closedAfterTheClass(T resource) {
            started.push(resource);
            return resource;
        }
    }

    private final ClassStart classStart;
    private final Started started = new Started();
    private RoadmapPageBrowser browser;
    private boolean onThePage;

    private BrowserTestLifecycle(ClassStart classStart) {
        this.classStart = classStart;
    }

    static BrowserTestLifecycle startingFirst(ClassStart classStart) {
        return new BrowserTestLifecycle(classStart);
    }

    /** The browser's window, for the test under way. */
    ChromeDriver driver() {
        return browser.driver;
    }

    /** Said by a test that ends somewhere else than on the page (a report, say): the page's checks do not apply. */
    void leftThePage() {
        onThePage = false;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!RoadmapPageBrowser.installed()) {
            System.err.println(context.getRequiredTestClass().getSimpleName() + " " + RoadmapPageBrowser.NOT_INSTALLED);
            return;
        }
        classStart.start(started);
        browser = started.closedAfterTheClass(RoadmapPageBrowser.start());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        assumeTrue(browser != null, RoadmapPageBrowser.NOT_INSTALLED);
        onThePage = true;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (browser != null && onThePage) {
            browser.assertThePageRanCleanly();
        }
        onThePage = false;
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        Exception first = null;
        while (!started.started.isEmpty()) {
            try {
                started.started.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        browser = null;
        if (first != null) {
            throw first;
        }
    }
}
