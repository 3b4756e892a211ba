package fi.tiekartta.query.publicroadmap;

import fi.tiekartta.query.QueryServiceDatabase;
import fi.tiekartta.query.RunningQueryService;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that asks more than its share is told to wait: 429 with Retry-After, until its allowance refills. A limit
 * of three an hour, so a context of its own, on a database of its own.
 */
class PublicRoadmapRateLimitTest extends RunningQueryService {

    private static final TestDatabase DATABASE = QueryServiceDatabase.withEventStore("ratelimit");

    @DynamicPropertySource
    static void limitedToThreeAnHour(DynamicPropertyRegistry registry) {
        QueryServiceDatabase.register(registry, DATABASE);
        registry.add("tiekartta.public.enabled", () -> "true");
        registry.add("tiekartta.public.rate-limit.requests", () -> "3");
        registry.add("tiekartta.public.rate-limit.period", () -> "1h");
    }

    @Test
    void aClientOverItsLimit_getsA429_withRetryAfter() {
        for (int i = 0; i < 3; i++) {
            assertThat(api().get("/public/api/roadmap.csv", null).status()).as("request %d", i + 1).isEqualTo(200);
        }

        Response refused = api().get("/public/api/roadmap", null);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        // One request back per 1200 s (3 an hour, refilled evenly).
        assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(1L, 1200L);
        assertThat(refused.header("Access-Control-Allow-Origin")).as("readable by the other site's script").contains("*");
        assertThat(api().get("/julkinen/", null).status()).as("the page itself is not counted").isEqualTo(200);
        assertThat(api().get("/api/roadmap", managementToken()).status()).as("nor the signed-in API").isEqualTo(200);
    }
}
