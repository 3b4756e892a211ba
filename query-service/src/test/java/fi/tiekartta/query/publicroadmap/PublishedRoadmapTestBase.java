package fi.tiekartta.query.publicroadmap;

import fi.tiekartta.query.QueryServiceDatabase;
import fi.tiekartta.query.RunningQueryService;
import fi.tiekartta.testsupport.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A query-service that publishes the roadmap, with a rate limit no test reaches: one context, on a database of its own
 * (the shared one's context keeps the public roadmap off, as an organisation's deployment starts).
 */
abstract class PublishedRoadmapTestBase extends RunningQueryService {

    private static final TestDatabase DATABASE = QueryServiceDatabase.withEventStore("published");

    @DynamicPropertySource
    static void published(DynamicPropertyRegistry registry) {
        QueryServiceDatabase.register(registry, DATABASE);
        registry.add("tiekartta.public.enabled", () -> "true");
        registry.add("tiekartta.public.rate-limit.requests", () -> "100000");
    }
}
