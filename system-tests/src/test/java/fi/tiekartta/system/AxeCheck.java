package fi.tiekartta.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * axe-core run in the page as it stands, against the WCAG 2.0 and 2.1 A and AA rules. The script is the one
 * Deque ships in its Maven Central artifact ({@code com.deque.html.axe-core:selenium}), run here directly: it is
 * put into the page through WebDriver (which the page's Content-Security-Policy does not govern) and asked for
 * its violations.
 */
final class AxeCheck {

    private static final String RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                               resultTypes: ['violations']})  // passes are still counted, their nodes not listed
               .then(result => done(JSON.stringify(result.passes.length === 0
                     ? [{id: 'axe-checked-nothing', help: 'no rule passed: the rules did not run', nodes: []}]
                     : result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                           nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)})))))
               .catch(e => done(JSON.stringify([{id: 'axe-failed', help: String(e), nodes: []}])));
            """;

    private static final String SCRIPT = load();

    private AxeCheck() {
    }

    /** Each violation as {@code rule (impact): help — where}; empty when the page passes. */
    static List<String> violations(ChromeDriver driver) {
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        driver.executeScript(SCRIPT);
        String found = (String) driver.executeAsyncScript(RUN);
        try {
            List<String> violations = new ArrayList<>();
            for (JsonNode v : new ObjectMapper().readTree(found)) {
                violations.add(v.path("id").asText() + " (" + v.path("impact").asText() + "): " + v.path("help").asText()
                               + " — " + v.path("nodes"));
            }
            return violations;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version axe-core says it is, for the test's message. */
    static String version(ChromeDriver driver) {
        driver.executeScript(SCRIPT);
        return String.valueOf(driver.executeScript("return axe.version"));
    }

    private static String load() {
        try (InputStream in = AxeCheck.class.getClassLoader().getResourceAsStream("axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is not on the class path (com.deque.html.axe-core:selenium)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
