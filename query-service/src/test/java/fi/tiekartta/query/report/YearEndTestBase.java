package fi.tiekartta.query.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tiekartta.query.roadmap.RoadmapTestBase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads year-end reports in the scenarios of {@link RoadmapTestBase}. */
abstract class YearEndTestBase extends RoadmapTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    protected JsonNode report(int year, Instant knownAt) {
        HttpResponse<byte[]> response = reportBytes(year, knownAt, "application/json");
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected HttpResponse<byte[]> reportBytes(int year, Instant knownAt, String accept) {
        return getBytes("/api/reports/year-end/" + year + (knownAt == null ? "" : "?knownAt=" + knownAt), accept);
    }

    protected static List<String> list(JsonNode report, String sector, String list) {
        return ids(sector(report, sector).get(list));
    }

    /** The ids of a list: plain ids, or the projectId of each postponement. */
    protected static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(e -> ids.add(e.isTextual() ? e.asText() : e.get("projectId").asText()));
        return ids;
    }

    /** Every id in any list of any sector. */
    protected static List<String> everywhere(JsonNode report, String list) {
        return report.get("sectors").findValues(list).stream().flatMap(a -> ids(a).stream()).toList();
    }
}
