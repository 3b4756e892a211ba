package fi.tiekartta.query;

import fi.tiekartta.testsupport.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runs the query-service against a fresh PostgreSQL database whose event store is laid out exactly as the
 * command-service lays it out (the same migration). Tests append events through Axon's event store, as the
 * command-service would, and look at the answers over HTTP.
 *
 * <p>Every test of this base shares one Spring context, the only query-service on {@link #DATABASE}: a test that
 * needs other settings starts a context of its own on a database of its own ({@link RunningQueryService}), never a
 * second context here through an annotation of its own (TestIsolationTest).
 */
public abstract class QueryServiceTestBase extends RunningQueryService {

    protected static final TestDatabase DATABASE = QueryServiceDatabase.withEventStore("query");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        QueryServiceDatabase.register(registry, DATABASE);
        // Where the page sends commands (UiCommandServiceTest). Set for every test of this base, not in a context of
        // its own: a second service context would run a second projection on this database and take its segments.
        registry.add("tiekartta.ui.command-url", () -> "http://localhost:8081/");
        // The balancer's safety net acts within seconds instead of half a minute (ProcessorLifecycleTest).
        registry.add("tiekartta.projection.unclaimed-grace", () -> "3s");
        // A PDF waits a second for its turn to render, not a minute (YearEndPdfTest, while a test holds the turn).
        registry.add("tiekartta.reports.pdf.wait", () -> "1s");
    }
}
