package fi.tiekartta.query.report;

import fi.tiekartta.vocabulary.ProjectStatus;
import fi.tiekartta.vocabulary.Sector;
import fi.tiekartta.vocabulary.Sectors;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import org.verapdf.pdfa.flavours.PDFAFlavour;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The year-end report as a document, rendered without a server: the Heinola roadmap as imported on 31.12.2023, and a
 * report that has every status (the widest counts table) and long sectors (tables over several pages).
 */
class YearEndDocumentTest {

    private static final float MM = 72f / 25.4f;
    private static final Instant KNOWN_AT = Instant.parse("2024-01-15T12:00:00Z");

    private static final YearEndDocument documents = new YearEndDocument();
    private static final YearEnd HEINOLA = heinola();
    private static final YearEnd EVERY_STATUS = everyStatus();
    /** Rendered once: a PDF takes a few seconds, and the tests only read it. */
    private static final byte[] HEINOLA_PDF = documents.pdf(HEINOLA);
    private static final byte[] EVERY_STATUS_PDF = documents.pdf(EVERY_STATUS);

    @Test
    void thePdf_isPdfA2u_onA4Portrait_andEveryTableFitsInsideThePageMargins() {
        byte[] pdf = HEINOLA_PDF;

        assertThat(Pdfs.pdfaViolations(pdf, PDFAFlavour.PDFA_2_U)).isEmpty();
        assertThat(Pdfs.pageSizes(pdf)).isNotEmpty().allSatisfy(size -> {
            assertThat(size.getWidth()).isCloseTo(PDRectangle.A4.getWidth(), org.assertj.core.data.Offset.offset(0.5f));
            assertThat(size.getHeight()).isCloseTo(PDRectangle.A4.getHeight(), org.assertj.core.data.Offset.offset(0.5f));
        });
        assertThat(Pdfs.rightmostGlyph(pdf)).as("nothing reaches into the right margin").isLessThanOrEqualTo((210 - 15) * MM);
        Pdfs.firstPageImage(pdf, "year-end-report-pdf"); // target/docs-img, for bin/refresh-doc-images
        Pdfs.keep(pdf, "year-end-heinola.pdf");
    }

    @Test
    void theWidestCountsTable_isSplitInTwo_andLongTablesContinueWithTheirHeadersRepeated() {
        YearEnd report = EVERY_STATUS;

        byte[] pdf = EVERY_STATUS_PDF;
        Pdfs.keep(pdf, "year-end-every-status.pdf");
        List<String> pages = Pdfs.pageTexts(pdf);
        String html = new String(documents.html(report), StandardCharsets.UTF_8);
        Pdfs.keep(documents.html(report), "year-end-every-status.html");

        assertThat(Pdfs.pdfaViolations(pdf, PDFAFlavour.PDFA_2_U)).isEmpty();
        assertThat(Pdfs.rightmostGlyph(pdf)).isLessThanOrEqualTo((210 - 15) * MM);
        assertThat(html).contains("ja tiloittain 31.12.2023 (1/2)</caption>", "ja tiloittain 31.12.2023 (2/2)</caption>");
        String all = String.join("\n", pages);
        for (ProjectStatus status : ProjectStatus.values()) {
            assertThat(all).contains(status.finnishLabel());
        }
        List<String> continuing = pages.stream().filter(p -> p.contains("-25 ") && !p.contains("-1 ")).toList();
        assertThat(continuing).as("pages on which a sector's table goes on").isNotEmpty()
                              .allSatisfy(p -> assertThat(p).contains("Hanke Nimi Tila Suunniteltu"));
    }

    @Test
    void everyPage_namesTheDayTheKnowledgeAndTheDigest_andItsNumberOfAll() {
        YearEnd report = EVERY_STATUS;

        List<String> pages = Pdfs.pageTexts(EVERY_STATUS_PDF);

        for (int p = 0; p < pages.size(); p++) {
            assertThat(pages.get(p)).as("page %d", p + 1)
                                    .contains("Tilanne 31.12.2023", "tiedot hetkellä 2024-01-15T12:00:00Z", report.digest(),
                                              "sivu " + (p + 1) + " / " + pages.size());
        }
    }

    @Test
    void thePdfsText_holdsEveryProjectId_everySectorsCounts_andTheTotalsRow() {
        YearEnd report = HEINOLA;

        String text = String.join("\n", Pdfs.pageTexts(HEINOLA_PDF));

        report.sectors().forEach(s -> s.projects().forEach(p -> assertThat(text).contains(p.projectId())));
        for (YearEndPage.CountsPart part : YearEndPage.of(report, "", true).counts()) {
            List<String> statuses = report.countsByStatus().keySet().stream()
                    .filter(code -> part.statuses().contains(ProjectStatus.valueOf(code).finnishLabel())).toList();
            for (YearEnd.SectorYear sector : report.sectors()) {
                StringBuilder row = new StringBuilder(sector.sector().label());
                statuses.forEach(s -> row.append(' ').append(sector.countsByStatus().getOrDefault(s, 0)));
                assertThat(text).contains(part.withTotal() ? row.append(' ').append(sector.projects().size()) : row);
            }
            StringBuilder totals = new StringBuilder("Yhteensä");
            statuses.forEach(s -> totals.append(' ').append(report.countsByStatus().get(s)));
            assertThat(text).contains(part.withTotal() ? totals.append(" 57") : totals);
        }
    }

    @Test
    void theSameReport_givesTheSameBytes_inHtmlAndPdf() {
        assertThat(new YearEndDocument().pdf(heinola())).isEqualTo(HEINOLA_PDF);
        assertThat(documents.html(heinola())).isEqualTo(new YearEndDocument().html(heinola()));
    }

    @Test
    void aTitleThatLooksLikeMarkup_isEscapedInTheHtml_andPrintedAsItIsInThePdf() {
        String title = "<b>x</b> & \"y\"";
        YearEnd report = new YearEnd(2023, LocalDate.of(2023, 12, 31), KNOWN_AT, "0".repeat(64), List.of(
                new YearEnd.SectorYear(Sectors.HEINOLA.all().get(0), List.of(project("KH-01", title, ProjectStatus.DONE)))));

        String html = new String(documents.html(report), StandardCharsets.UTF_8);
        String pdf = String.join("\n", Pdfs.pageTexts(documents.pdf(report)));

        assertThat(html).doesNotContain("<b>").contains("&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;");
        assertThat(pdf).contains("KH-01 <b>x</b> &", "\"y\"");
    }

    /** The Heinola roadmap as imported with effectiveDate 2023-12-31, status read from the start of its text. */
    static YearEnd heinola() {
        List<String> lines;
        byte[] csv;
        try {
            Path file = Path.of("..", "data", "heinola-digitiekartta.csv");
            csv = Files.readAllBytes(file);
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<ProjectYear>> bySector = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] field = line.split(";", -1);
            bySector.computeIfAbsent(field[1], s -> new ArrayList<>()).add(project(field[0], field[2], status(field[3])));
        }
        List<YearEnd.SectorYear> sectors = Sectors.HEINOLA.all().stream()
                .map(s -> new YearEnd.SectorYear(s, bySector.getOrDefault(s.code(), List.of()))).toList();
        return new YearEnd(2023, LocalDate.of(2023, 12, 31), KNOWN_AT, sha256(csv), sectors);
    }

    /** Six sectors of 25 projects, every status present, with long titles. */
    private static YearEnd everyStatus() {
        ProjectStatus[] statuses = ProjectStatus.values();
        List<YearEnd.SectorYear> sectors = new ArrayList<>();
        int n = 0;
        for (Sector sector : Sectors.HEINOLA.all()) {
            List<ProjectYear> projects = new ArrayList<>();
            for (int i = 1; i <= 25; i++) {
                ProjectStatus status = statuses[n++ % statuses.length];
                projects.add(new ProjectYear(sector.idPrefix() + "-" + i, sector.code(),
                                             "Asiakaspalvelujärjestelmäuudistuksen käyttöönottovaihe " + i + " ja sen jatkokehittäminen",
                                             status, 2023, i % 3 == 0, status == ProjectStatus.DONE,
                                             status == ProjectStatus.POSTPONED ? new Postponement(sector.idPrefix() + "-" + i, 2023, 2025) : null,
                                             status == ProjectStatus.NOT_NEEDED, i % 2 == 0));
            }
            sectors.add(new YearEnd.SectorYear(sector, projects));
        }
        return new YearEnd(2023, LocalDate.of(2023, 12, 31), KNOWN_AT, sha256("every status".getBytes(StandardCharsets.UTF_8)), sectors);
    }

    private static ProjectYear project(String id, String title, ProjectStatus status) {
        return new ProjectYear(id, id.substring(0, 2), title, status, null, false, false, null, false, false);
    }

    private static ProjectStatus status(String text) {
        return Arrays.stream(ProjectStatus.values()).filter(s -> text.toUpperCase().startsWith(s.finnishLabel()))
                     .findFirst().orElse(ProjectStatus.NOT_STARTED);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
