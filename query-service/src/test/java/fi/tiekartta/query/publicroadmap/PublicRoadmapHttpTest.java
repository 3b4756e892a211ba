package fi.tiekartta.query.publicroadmap;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tiekartta.testsupport.HttpApi.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The public roadmap as HTTP: no token, caching and conditional GET, CORS, GET and HEAD only, problems, OpenAPI. */
class PublicRoadmapHttpTest extends PublishedRoadmapTestBase {

    private static final List<String> ENDPOINTS = List.of(
            "/public/api/roadmap?asOf=2014-12-31", "/public/api/roadmap.csv?asOf=2014-12-31",
            "/public/api/reports/year-end/2014");

    @Test
    void everyEndpoint_answersWithoutAToken_cacheablyAndToEveryOrigin() {
        for (String path : ENDPOINTS) {
            Response answer = api().get(path, null, Map.of("Origin", "https://example.org"));

            assertThat(answer.status()).as(path + " " + answer).isEqualTo(200);
            assertThat(answer.header("Cache-Control").orElse("")).as(path).contains("public").contains("max-age=300")
                                                               .doesNotContain("no-store");
            assertThat(answer.header("ETag").orElse("")).as(path).matches("\"[A-Za-z0-9_-]{43}\"");
            assertThat(answer.header("Access-Control-Allow-Origin")).as(path).contains("*");
            assertThat(answer.header("X-Content-Type-Options")).as(path).contains("nosniff");
        }
        assertThat(api().get(ENDPOINTS.get(0), null).header("Access-Control-Allow-Origin"))
                .as("also without an Origin, so that a shared cache keeps it").contains("*");
    }

    @Test
    void aConditionalGet_withTheETag_isAnswered304_withoutABody() {
        // The report is as known at the start of the minute: all four requests within one minute.
        await().atMost(Duration.ofSeconds(15)).until(() -> LocalTime.now().getSecond() < 50);
        for (String path : ENDPOINTS) {
            Response first = api().get(path, null);
            String etag = first.header("ETag").orElseThrow();

            Response again = api().get(path, null, Map.of("If-None-Match", etag));
            Response weakly = api().get(path, null, Map.of("If-None-Match", "\"other\", W/" + etag));
            Response changed = api().get(path, null, Map.of("If-None-Match", "\"something-else\""));

            assertThat(again.status()).as(path).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(again.header("ETag")).contains(etag);
            assertThat(again.header("Cache-Control").orElse("")).contains("public");
            assertThat(weakly.status()).as(path + ", weak comparison").isEqualTo(304);
            assertThat(changed.status()).as(path).isEqualTo(200);
            assertThat(changed.body()).isEqualTo(first.body());
        }
    }

    @Test
    void theYearEndReport_variesByAccept_andItsETagWithTheFormat() {
        String path = "/public/api/reports/year-end/2014";
        Response json = api().get(path, null);
        Response csv = api().get(path, null, Map.of("Accept", "text/csv"));
        Response html = api().get(path, null, Map.of("Accept", "text/html"));

        assertThat(String.join(", ", json.raw().headers().allValues("Vary"))).containsIgnoringCase("Accept");
        assertThat(List.of(json.header("ETag").orElseThrow(), csv.header("ETag").orElseThrow(),
                           html.header("ETag").orElseThrow())).doesNotHaveDuplicates();
        assertThat(html.header("Content-Security-Policy").orElse("")).startsWith("default-src 'none'");
        assertThat(csv.header("Content-Disposition").orElse("")).contains("vuosiraportti-2014.csv");
    }

    @Test
    void onlyGetAndHead_areAnswered() {
        Response head = api().send("HEAD", ENDPOINTS.get(0), null, null, Map.of());
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("ETag")).isPresent();
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE", "OPTIONS")) {
            Response answer = api().send(method, "/public/api/roadmap", null, method.equals("OPTIONS") ? null : "{}", Map.of());
            assertThat(answer.status()).as(method).isEqualTo(405);
            assertThat(answer.header("Allow")).as(method).contains("GET, HEAD");
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void badInput_isA400_namingTheField_neverA500() {
        assertProblem(api().get("/public/api/roadmap?asOf=31.12.2023", null), 400, "asOf");
        assertProblem(api().get("/public/api/roadmap.csv?asOf=2023-02-30", null), 400, "asOf");
        assertProblem(api().get("/public/api/roadmap?asOf=0999-12-31", null), 400, "asOf");
        assertProblem(api().get("/public/api/reports/year-end/kaksi", null), 400, "year");
        assertProblem(api().get("/public/api/reports/year-end/1999", null), 400, "year");
        assertProblem(api().get("/public/api/reports/year-end/99999999999", null), 400, "year");
    }

    @Test
    void aYearThatHasNotEnded_hasNoReport_404() {
        int thisYear = LocalDate.now(ZoneId.of("Europe/Helsinki")).getYear();
        for (int year : List.of(thisYear, thisYear + 1)) {
            Response answer = api().get("/public/api/reports/year-end/" + year, null, Map.of("Accept", "text/csv"));
            assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
        Response unacceptable = api().get("/public/api/reports/year-end/2014", null, Map.of("Accept", "image/png"));
        assertThat(unacceptable.status()).isEqualTo(406);
    }

    @Test
    void theKnownAtParameter_isNotOffered() {
        Response answer = api().get("/public/api/roadmap?asOf=2014-12-31&knownAt=2015-01-01T00:00:00Z", null);
        Response plain = api().get("/public/api/roadmap?asOf=2014-12-31", null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().has("knownAt")).isFalse();
        assertThat(answer.header("ETag")).as("knownAt is ignored").isEqualTo(plain.header("ETag"));
    }

    @Test
    void thePage_isServedWithoutAToken() {
        Response page = api().get("/julkinen/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("/julkinen/julkinen.js");
        assertThat(api().get("/julkinen/julkinen.js", null).status()).isEqualTo(200);
        assertThat(api().get("/julkinen", null).status()).as("redirected to /julkinen/").isIn(200, 302);
    }

    @Test
    void theApiDescription_listsThePublicEndpoints_withoutAToken_withTheirParametersAndAnswers() {
        JsonNode paths = api().get("/v3/api-docs", null).json().get("paths");

        for (String path : List.of("/public/api/roadmap", "/public/api/roadmap.csv", "/public/api/reports/year-end/{year}")) {
            JsonNode get = paths.path(path).path("get");
            assertThat(get.isMissingNode()).as(path).isFalse();
            assertThat(get.get("security")).as(path + " needs no token").isEmpty();
            assertThat(get.get("responses").has("401")).as(path).isFalse();
            assertThat(get.get("responses").has("304")).as(path).isTrue();
            assertThat(get.get("responses").has("429")).as(path).isTrue();
            assertThat(get.get("parameters").findValuesAsText("name")).as(path).contains("If-None-Match")
                                                                      .doesNotContain("knownAt");
        }
        assertThat(paths.path("/public/api/roadmap").path("get").get("parameters").findValuesAsText("name")).contains("asOf");
        assertThat(paths.path("/public/api/reports/year-end/{year}").path("get").get("responses").has("404")).isTrue();
    }

    private static void assertProblem(Response answer, int status, String field) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("errors").findValuesAsText("field")).as(answer.toString()).contains(field);
    }
}
