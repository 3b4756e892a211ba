package fi.tiekartta.query.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import static fi.tiekartta.vocabulary.ProjectStatus.DONE;
import static fi.tiekartta.vocabulary.ProjectStatus.INVESTIGATING;
import static fi.tiekartta.vocabulary.ProjectStatus.IN_PROGRESS;
import static fi.tiekartta.vocabulary.ProjectStatus.MERGED;
import static fi.tiekartta.vocabulary.ProjectStatus.NOT_NEEDED;
import static org.assertj.core.api.Assertions.assertThat;

/** The same knownAt gives the same bytes, in every format, however much is recorded afterwards. */
class YearEndReproducibilityTest extends YearEndTestBase {

    private static final int YEAR = 2009;
    private static final String[] FORMATS = {"application/json", "text/csv", "text/html", "application/pdf"};

    @Test
    void aReport_isReproducedByteForByte_forItsKnownAt_afterMoreEventsArrive_alsoBackdatedIntoTheYear() {
        String a = register("TEKNIIKKA", LocalDate.of(2009, 1, 5), 2009, "Vesihuollon etäluenta; \"älymittarit\"");
        change(a, IN_PROGRESS, LocalDate.of(2009, 3, 1));
        String b = register("HYVINVOINTI", LocalDate.of(2008, 6, 1), 2010, "Koulujen sähköinen ilmoittautuminen");
        String bChange = change(b, INVESTIGATING, LocalDate.of(2009, 2, 1));
        String c = register("KAUPUNKI", LocalDate.of(2008, 6, 1), 2009);
        String cChange = change(c, NOT_NEEDED, LocalDate.of(2009, 9, 1));
        Instant published = knownNow(a, b, c);
        byte[][] then = new byte[FORMATS.length][];
        for (int f = 0; f < FORMATS.length; f++) {
            then[f] = ok(reportBytes(YEAR, published, FORMATS[f])).body();
        }

        change(a, DONE, LocalDate.of(2009, 12, 15));           // backdated into the year
        postpone(b, LocalDate.of(2009, 10, 1), 2012);          // backdated into the year
        correct(b, bChange, IN_PROGRESS, LocalDate.of(2009, 2, 1), null);
        retract(c, cChange);
        change(c, MERGED, LocalDate.of(2009, 11, 1));
        String d = register("ELINVOIMA", LocalDate.of(2009, 4, 1), 2009); // registered late, from within the year
        Instant later = knownNow(a, b, c, d);

        for (int f = 0; f < FORMATS.length; f++) {
            HttpResponse<byte[]> again = ok(reportBytes(YEAR, published, FORMATS[f]));
            assertThat(again.body()).as("%s for the published knownAt", FORMATS[f]).isEqualTo(then[f]);
            assertThat(ok(reportBytes(YEAR, later, FORMATS[f])).body()).as("%s now", FORMATS[f]).isNotEqualTo(then[f]);
        }
        JsonNode now = report(YEAR, later);
        assertThat(list(now, "TEKNIIKKA", "completed")).contains(a);
        assertThat(list(now, "KAUPUNKI", "dropped")).contains(c);
        assertThat(list(now, "ELINVOIMA", "overdue")).contains(d);
        assertThat(report(YEAR, published).get("digest").asText()).isNotEqualTo(now.get("digest").asText());
    }

    @Test
    void knownAt_isNormalisedToMilliseconds_soEverySpellingOfTheSameMillisecondGivesTheSameBytes() {
        String id = register("TEKNIIKKA", LocalDate.of(2009, 2, 1), 2010);
        Instant known = knownNow(id).truncatedTo(ChronoUnit.MILLIS);

        for (String format : FORMATS) {
            byte[] exact = ok(reportBytes(YEAR, known, format)).body();
            assertThat(ok(reportBytes(YEAR, known.plusNanos(999_999), format)).body()).as(format).isEqualTo(exact);
        }
        JsonNode report = report(YEAR, known.plusNanos(456_789));
        assertThat(Instant.parse(report.get("knownAt").asText())).isEqualTo(known);
        String html = new String(ok(reportBytes(YEAR, known.plusNanos(1), "text/html")).body(), StandardCharsets.UTF_8);
        assertThat(html).contains("knownAt=" + known).doesNotContain(known.plusNanos(1).toString());
    }

    @Test
    void aReportWithoutKnownAt_namesTheInstantItUsed_andThatInstantReproducesIt() {
        String id = register("YHTEISET_PALVELUT", LocalDate.of(2009, 2, 1), 2010);
        knownNow(id);

        byte[] first = ok(reportBytes(YEAR, null, "application/json")).body();
        JsonNode named = report(YEAR, Instant.parse(json(first).get("knownAt").asText()));

        assertThat(json(first).get("knownAt").asText()).isEqualTo(named.get("knownAt").asText());
        assertThat(ok(reportBytes(YEAR, Instant.parse(named.get("knownAt").asText()), "application/json")).body())
                .isEqualTo(first);
    }

    @Test
    void aReportAskedRightAfterAChange_waitsUntilTheViewsHoldIt() {
        String id = register("LUPA_JA_VALVONTA", LocalDate.of(2009, 5, 1), 2011);
        change(id, DONE, LocalDate.of(2009, 6, 1));

        JsonNode report = report(YEAR, Instant.now()); // no waiting for the projection here

        assertThat(list(report, "LUPA_JA_VALVONTA", "completed")).contains(id);
    }

    private static HttpResponse<byte[]> ok(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return response;
    }

    private static JsonNode json(byte[] body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
