package fi.tiekartta.query.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import static fi.tiekartta.vocabulary.ProjectStatus.IN_PROGRESS;
import static org.assertj.core.api.Assertions.assertThat;

/** The formats of the year-end report, and the requests it refuses (the PDF: {@link YearEndPdfTest}). */
class YearEndFormatsTest extends YearEndTestBase {

    private static final int YEAR = 2010;
    private static final String TITLE = "=Asiakaspalvelun \"chatti\"; ääni & <öljy>";

    @Test
    void json_isTheDefault_andAnswersAsJson() throws IOException {
        Instant known = scenario();

        HttpResponse<byte[]> plain = reportBytes(YEAR, known, null);
        HttpResponse<byte[]> any = reportBytes(YEAR, known, "*/*");

        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        // Field names are case-insensitive; Tomcat lower-cases them when it adds accept-encoding for compression.
        assertThat(String.join(",", plain.headers().allValues("Vary"))).as("caches keep the formats apart").containsIgnoringCase("Accept");
        assertThat(any.body()).isEqualTo(plain.body());
        JsonNode report = new ObjectMapper().readTree(plain.body());
        assertThat(report.fieldNames()).toIterable()
                                       .containsExactly("year", "asOf", "knownAt", "digest", "countsByStatus", "sectors");
        assertThat(report.at("/sectors/0").fieldNames()).toIterable()
                .containsExactly("sector", "label", "countsByStatus", "started", "completed", "postponed", "dropped", "overdue");
    }

    @Test
    void csv_isUtf8WithBom_semicolonSeparated_withCrlfLines_oneRowPerProject() {
        Instant known = scenario();

        HttpResponse<byte[]> response = reportBytes(YEAR, known, "text/csv");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
        byte[] body = response.body();
        assertThat(Arrays.copyOf(body, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\r\n").doesNotContain("\n\n");
        assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        List<String> lines = List.of(text.split("\r\n"));
        assertThat(lines.get(0)).startsWith("Vuosi;Tilannepäivä;Tiedot hetkellä (UTC);Toimiala;Toimialan nimi;Hanke;Nimi;Tila 31.12.;")
                                .endsWith(";Myöhässä;Tapahtumalokin tiiviste");
        String digest = report(YEAR, known).get("digest").asText();
        String row = lines.stream().filter(l -> l.contains(";" + projectId + ";")).findFirst().orElseThrow();
        assertThat(row).isEqualTo(String.join(";", "2010", "2010-12-31", known.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString(),
                                              "TEKNIIKKA", "Tekniikkatoimiala", projectId,
                                              "\"'=Asiakaspalvelun \"\"chatti\"\"; ääni & <öljy>\"",
                                              "IN_PROGRESS", "MENEILLÄÄN", "2010", "kyllä", "ei", "ei", "", "", "ei", "kyllä", digest));
    }

    @Test
    void html_isAPrintablePageInFinnish_withAChartAndAccessibleTables_andNothingExternal() {
        Instant known = scenario();

        HttpResponse<byte[]> response = reportBytes(YEAR, known, "text/html");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
        String html = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"fi\">")
                        .contains("<meta charset=\"utf-8\">", "<svg", "role=\"img\"", "<title id=\"kaavio-otsikko\">",
                                  "<caption>", "<th scope=\"col\">", "<th scope=\"row\">" + projectId + "</th>",
                                  "MENEILLÄÄN", "Tekniikkatoimiala", "31.12.2010",
                                  "=Asiakaspalvelun &quot;chatti&quot;; ääni &amp; &lt;öljy&gt;")
                        .doesNotContain("<script", " src=", "<link", "url(", "<img", "@import", "<öljy>");
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http:").doesNotContain("https:");
        assertThat(response.headers().firstValue("Content-Security-Policy")).as("the page's own style may apply, nothing else")
                .hasValueSatisfying(csp -> assertThat(csp).startsWith("default-src 'none'; ")
                                                          .contains("style-src 'sha256-" + sha256OfTheStyle(html) + "'"));
    }

    private static String sha256OfTheStyle(String html) {
        String style = html.substring(html.indexOf("<style>") + "<style>".length(), html.indexOf("</style>"));
        try {
            return java.util.Base64.getEncoder().encodeToString(
                    java.security.MessageDigest.getInstance("SHA-256").digest(style.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anAcceptNamingNoneOfTheFormats_isAnswered406WithAProblem() {
        for (String accept : List.of("image/png", "text/plain", "application/xml")) {
            HttpResponse<byte[]> response = reportBytes(YEAR, null, accept);

            assertThat(response.statusCode()).as(accept).isEqualTo(406);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("text/csv");
        }
    }

    @Test
    void aYearOutOfRange_orAKnownAtInTheFuture_isAnswered400NamingIt() throws IOException {
        int nextYear = LocalDate.now(ZoneId.of("Europe/Helsinki")).getYear() + 1;

        assertThat(fieldOf(getBytes("/api/reports/year-end/1999", null))).isEqualTo("year");
        assertThat(fieldOf(getBytes("/api/reports/year-end/" + (nextYear + 1), "text/csv"))).isEqualTo("year");
        assertThat(fieldOf(getBytes("/api/reports/year-end/kaksituhatta", null))).isEqualTo("year");
        assertThat(fieldOf(getBytes("/api/reports/year-end/2010?knownAt=" + Instant.now().plusSeconds(3600), null)))
                .isEqualTo("knownAt");
        assertThat(fieldOf(getBytes("/api/reports/year-end/2010?knownAt=huomenna", "text/html"))).isEqualTo("knownAt");
        assertThat(reportBytes(nextYear, null, null).statusCode()).isEqualTo(200);
        assertThat(reportBytes(2000, null, null).statusCode()).isEqualTo(200);
    }

    private String projectId;

    /** One project in 2010: started during the year, overdue at its end, with a title that needs escaping. */
    private Instant scenario() {
        projectId = register("TEKNIIKKA", LocalDate.of(2010, 1, 4), 2010, TITLE);
        change(projectId, IN_PROGRESS, LocalDate.of(2010, 2, 1));
        return knownNow(projectId);
    }

    private static String fieldOf(HttpResponse<byte[]> response) throws IOException {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        return new ObjectMapper().readTree(response.body()).at("/errors/0/field").asText();
    }
}
