package fi.tiekartta.query.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.verapdf.pdfa.flavours.PDFAFlavour;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static fi.tiekartta.vocabulary.ProjectStatus.DONE;
import static fi.tiekartta.vocabulary.ProjectStatus.IN_PROGRESS;
import static fi.tiekartta.vocabulary.ProjectStatus.NOT_NEEDED;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code Accept: application/pdf}: the year-end report as the PDF/A that the financial statement archives. */
class YearEndPdfTest extends YearEndTestBase {

    private static final int YEAR = 2011;

    @Autowired
    private PdfRenderings pdfRenderings;

    @Test
    void pdf_isAnsweredAsAPdfA_onA4_withEveryProjectAndTheKnowledgeItWasMadeFrom() {
        String a = register("TEKNIIKKA", LocalDate.of(2011, 1, 10), 2011, "Kaukolämmön etäluenta: \"älymittarit\" & <raportit>");
        change(a, IN_PROGRESS, LocalDate.of(2011, 3, 1));
        String b = register("HYVINVOINTI", LocalDate.of(2011, 2, 1), 2012);
        change(b, DONE, LocalDate.of(2011, 11, 30));
        String c = register("KAUPUNKI", LocalDate.of(2011, 2, 1), 2011);
        change(c, NOT_NEEDED, LocalDate.of(2011, 6, 1));
        Instant known = knownNow(a, b, c);

        HttpResponse<byte[]> response = reportBytes(YEAR, known, "application/pdf");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValue("inline; filename=\"vuosiraportti-2011.pdf\"");
        byte[] pdf = response.body();
        assertThat(new String(pdf, 0, 8, StandardCharsets.ISO_8859_1)).startsWith("%PDF-1.");
        assertThat(Pdfs.pdfaViolations(pdf, PDFAFlavour.PDFA_2_U)).isEmpty();
        assertThat(Pdfs.pageSizes(pdf)).allSatisfy(size -> {
            assertThat(size.getWidth()).isCloseTo(PDRectangle.A4.getWidth(), Offset.offset(0.5f));
            assertThat(size.getHeight()).isCloseTo(PDRectangle.A4.getHeight(), Offset.offset(0.5f));
        });
        String digest = report(YEAR, known).get("digest").asText();
        List<String> pages = Pdfs.pageTexts(pdf);
        String text = String.join("\n", pages);
        assertThat(text).contains(a, b, c, "Kaukolämmön etäluenta:", "\"älymittarit\" & <raportit>", "Tekniikkatoimiala",
                                  "MENEILLÄÄN", "VALMIS", "EI TARVETTA", "Yhteensä");
        String knownAt = known.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
        for (int p = 0; p < pages.size(); p++) {
            assertThat(pages.get(p)).contains("Tilanne 31.12.2011", knownAt, digest, "sivu " + (p + 1) + " / " + pages.size());
        }
    }

    @Test
    void pdf_isTheSameBytes_forTheSameKnownAt() {
        String id = register("ELINVOIMA", LocalDate.of(2011, 4, 1), 2011);
        Instant known = knownNow(id);

        byte[] first = reportBytes(YEAR, known, "application/pdf").body();
        byte[] second = reportBytes(YEAR, known, "application/pdf").body();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void aBadRequestForAPdf_isStillAnsweredWithAProblem() throws java.io.IOException {
        HttpResponse<byte[]> response = getBytes("/api/reports/year-end/2011?knownAt=huomenna", "application/pdf");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).at("/errors/0/field").asText())
                .isEqualTo("knownAt");
    }

    @Test
    void aPdfAskedWhileOthersTakeEveryTurnToRender_isAnswered503WithRetryAfter_andRenderedWhenATurnIsFree()
            throws Exception {
        String id = register("ELINVOIMA", LocalDate.of(2011, 5, 1), 2011);
        Instant known = knownNow(id);
        CountDownLatch turnTaken = new CountDownLatch(1);
        CountDownLatch turnMayEnd = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<byte[]> otherRendering = other.submit(() -> pdfRenderings.render(() -> {
                turnTaken.countDown();
                try {
                    turnMayEnd.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new byte[0];
            }));
            assertThat(turnTaken.await(10, TimeUnit.SECONDS)).isTrue();

            HttpResponse<byte[]> busy = reportBytes(YEAR, known, "application/pdf");

            assertThat(busy.statusCode()).isEqualTo(503);
            assertThat(busy.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(busy.headers().firstValue("Retry-After")).isPresent();
            assertThat(new ObjectMapper().readTree(busy.body()).get("title").asText()).isEqualTo("Rendering busy");
            assertThat(reportBytes(YEAR, known, "text/csv").statusCode()).as("only PDFs take turns").isEqualTo(200);

            turnMayEnd.countDown();
            otherRendering.get(10, TimeUnit.SECONDS);
            HttpResponse<byte[]> rendered = reportBytes(YEAR, known, "application/pdf");
            assertThat(rendered.statusCode()).isEqualTo(200);
            assertThat(new String(rendered.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        } finally {
            turnMayEnd.countDown();
            other.shutdownNow();
        }
    }

    @Test
    void aBrowserAskingForPdf_getsIt_butHtmlStaysTheBrowsersDefault() {
        String id = register("LUPA_JA_VALVONTA", LocalDate.of(2011, 4, 1), 2012);
        Instant known = knownNow(id);

        assertThat(reportBytes(YEAR, known, "application/pdf,text/html;q=0.9").headers().firstValue("Content-Type"))
                .hasValue("application/pdf");
        assertThat(reportBytes(YEAR, known, "text/html,application/pdf").headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    }
}
