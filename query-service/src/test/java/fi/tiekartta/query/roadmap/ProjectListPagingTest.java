package fi.tiekartta.query.roadmap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/projects in pages: the pages, asked at one asOf and knownAt, list every project once and in order. */
class ProjectListPagingTest extends RoadmapTestBase {

    @Test
    void thePagesTogether_areTheWholeList_inItsOrder_andTheLastHasNoNextCursor() {
        String[] ids = new String[8];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = register("HYVINVOINTI", LocalDate.of(2035, 1, 2), 2036);
        }
        Instant known = knownNow(ids);
        String query = "/api/projects?sector=HYVINVOINTI&asOf=2035-06-01&knownAt=" + known;
        JsonNode whole = get(query);

        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = get(query + "&limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.get("projects").size()).isBetween(1, 3);
            page.get("projects").forEach(p -> paged.add(p.get("projectId").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 100);

        assertThat(whole.get("projects").size()).isGreaterThanOrEqualTo(8);
        assertThat(whole.get("nextCursor").isNull()).isTrue();
        assertThat(paged).isEqualTo(whole.get("projects").findValuesAsText("projectId"));
        assertThat(pages).isEqualTo((whole.get("projects").size() + 2) / 3);
    }

    @Test
    void aBadLimitOrCursor_isA400NamingIt() {
        assertField("/api/projects?limit=0", "limit");
        assertField("/api/projects?limit=1001", "limit");
        assertField("/api/projects?limit=2&cursor=bm90LWEtY3Vyc29y", "cursor");
        assertField("/api/projects?limit=2&cursor=!!!", "cursor");
        assertField("/api/projects?cursor=cDE6VEUtMQ", "cursor");
    }

    private void assertField(String path, String field) {
        var response = api().get(path, managementToken());
        assertThat(response.status()).as(path).isEqualTo(400);
        assertThat(response.contentType()).as(path).startsWith("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asText()).as(path).isEqualTo(field);
    }

    private JsonNode get(String path) {
        var response = api().get(path, managementToken());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }
}
