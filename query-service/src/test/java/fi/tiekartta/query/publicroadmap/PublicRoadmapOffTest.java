package fi.tiekartta.query.publicroadmap;

import fi.tiekartta.query.QueryServiceTestBase;
import fi.tiekartta.testsupport.HttpApi.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Unless the organisation publishes the roadmap, nothing public exists: 404 with or without a token. */
class PublicRoadmapOffTest extends QueryServiceTestBase {

    @Test
    void everyPublicPath_is404_whenThePublicRoadmapIsOff() {
        for (String path : List.of("/public/api/roadmap", "/public/api/roadmap?asOf=2023-12-31", "/public/api/roadmap.csv",
                                   "/public/api/reports/year-end/2023", "/public/anything", "/julkinen/",
                                   "/julkinen/index.html", "/julkinen/julkinen.js", "/julkinen")) {
            for (String token : new String[] {null, managementToken()}) {
                Response answer = api().get(path, token);
                assertThat(answer.status()).as("%s %s", path, token == null ? "without a token" : "with a token")
                                           .isEqualTo(404);
                assertThat(answer.header("Access-Control-Allow-Origin")).as(path).isEmpty();
            }
        }
        assertThat(api().post("/public/api/roadmap", null, "{}").status()).isEqualTo(404);
    }

    @Test
    void theApiDescription_hasNoPublicEndpoint_whenOff() {
        String description = api().get("/v3/api-docs", null).body();
        assertThat(description).doesNotContain("/public/");
    }
}
