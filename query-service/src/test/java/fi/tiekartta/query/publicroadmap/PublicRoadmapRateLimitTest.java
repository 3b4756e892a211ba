package fi.tiekartta.query.publicroadmap;

import fi.tiekartta.query.QueryServiceTestBase;
import fi.tiekartta.testsupport.HttpApi.Response;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** A client that asks more than its share is told to wait: 429 with Retry-After, until its allowance refills. */
@TestPropertySource(properties = {"tiekartta.public.enabled=true", "tiekartta.public.rate-limit.requests=3",
                                  "tiekartta.public.rate-limit.period=1h"})
class PublicRoadmapRateLimitTest extends QueryServiceTestBase {

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
