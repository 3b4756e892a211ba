package fi.tiekartta.query.round;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tiekartta.testsupport.HttpApi.Response;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;

import static fi.tiekartta.vocabulary.ProjectStatus.DONE;
import static fi.tiekartta.vocabulary.ProjectStatus.IN_PROGRESS;
import static org.assertj.core.api.Assertions.assertThat;

/** A round's report: the roadmap on its day as known when it closed, in the year-end report's formats. */
class RoundReportTest extends RoundTestBase {

    private static final LocalDate START = LocalDate.of(1977, 1, 1);
    private static final LocalDate AS_OF = LocalDate.of(1977, 12, 31);

    @Test
    void whileOpen_theReportIsAsKnownNow_andSaysItIsProvisional() throws Exception {
        String id = register("TEKNIIKKA", newOwner(), START);
        knownNow(id);
        String roundId = openRound("Tilinpäätös 1977 (auki)", AS_OF, AS_OF.plusDays(15));
        report(id, IN_PROGRESS, AS_OF);
        knownNow(id);

        JsonNode json = new ObjectMapper().readTree(bytes(roundId, "application/json").body());
        assertThat(json.get("provisional").asBoolean()).isTrue();
        assertThat(json.get("state").asText()).isEqualTo("OPEN");
        assertThat(json.get("roadmap").get("asOf").asText()).isEqualTo("1977-12-31");
        assertThat(json.toString()).as("what was reported after opening shows while open").contains(id)
                                   .contains("IN_PROGRESS");
        String html = new String(bytes(roundId, "text/html").body(), StandardCharsets.UTF_8);
        assertThat(html).contains("Alustava").contains(id);
    }

    @Test
    void onceClosed_theSameBytesEveryTime_evenAfterMoreIsRecorded() {
        String reported = register("TEKNIIKKA", newOwner(), START);
        String late = register("HYVINVOINTI", newOwner(), START);
        knownNow(reported, late);
        String roundId = openRound("Tilinpäätös 1977", AS_OF, AS_OF.plusDays(15));
        report(reported, IN_PROGRESS, AS_OF);
        knownNow(reported);
        closeRound(roundId);

        byte[] json = bytes(roundId, "application/json").body();
        HttpResponse<byte[]> csv = bytes(roundId, "text/csv");
        HttpResponse<byte[]> html = bytes(roundId, "text/html");
        report(late, DONE, AS_OF.minusDays(1));
        String newcomer = register("TEKNIIKKA", newOwner(), START);
        knownNow(late, newcomer);

        assertThat(bytes(roundId, "application/json").body()).isEqualTo(json);
        assertThat(bytes(roundId, "text/csv").body()).isEqualTo(csv.body());
        assertThat(bytes(roundId, "text/html").body()).isEqualTo(html.body());

        String text = new String(json, StandardCharsets.UTF_8);
        assertThat(text).contains("\"provisional\":false").contains(reported).contains(late).doesNotContain(newcomer);
        byte[] csvBytes = csv.body();
        assertThat(csvBytes[0]).isEqualTo((byte) 0xEF);
        String csvText = new String(csvBytes, StandardCharsets.UTF_8);
        assertThat(csvText.lines().findFirst().orElseThrow()).startsWith("\uFEFFKierros;Kierroksen nimi;Tilannepäivä");
        assertThat(csvText).contains(";" + reported + ";").contains(";IN_PROGRESS;MENEILLÄÄN;").contains("\r\n");
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(new String(html.body(), StandardCharsets.UTF_8)).doesNotContain("Alustava").contains("Tilinpäätös 1977");
        assertThat(html.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'");
    }

    @Test
    void anAcceptItCannotGive_is406_andAnUnknownRound404() {
        String roundId = openRound("Puolivuotis 1977", LocalDate.of(1977, 6, 30), LocalDate.of(1977, 8, 15));
        Response pdf = api().get("/api/reporting-rounds/" + roundId + "/report", COORDINATOR, Map.of("Accept", "application/pdf"));
        assertThat(pdf.status()).isEqualTo(406);
        assertThat(pdf.contentType()).startsWith("application/problem+json");
        assertThat(api().get("/api/reporting-rounds/" + roundId + "/report", COORDINATOR,
                             Map.of("Accept", "application/pdf, text/html;q=0.5")).contentType())
                .as("a format offered is chosen over one that is not").startsWith("text/html");
        assertThat(api().get("/api/reporting-rounds/ei-ole/report", COORDINATOR).status()).isEqualTo(404);
    }

    private HttpResponse<byte[]> bytes(String roundId, String accept) {
        HttpResponse<byte[]> response = api().getBytes("/api/reporting-rounds/" + roundId + "/report", COORDINATOR,
                                                       Map.of("Accept", accept));
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return response;
    }
}
