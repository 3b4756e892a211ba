package fi.tiekartta.query.report;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Reads a rendered PDF as an archive and a reader would: veraPDF's verdict, its pages, its text and where it is. */
final class Pdfs {

    static {
        VeraGreenfieldFoundryProvider.initialise();
    }

    private Pdfs() {
    }

    /** veraPDF's failed rules for the flavour, one line each; empty when the file conforms. */
    static List<String> pdfaViolations(byte[] pdf, PDFAFlavour flavour) {
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), flavour);
             PDFAValidator validator = Foundries.defaultInstance().createValidator(flavour, false)) {
            ValidationResult result = validator.validate(parser);
            List<String> failed = result.getTestAssertions().stream()
                    .filter(a -> a.getStatus() == TestAssertion.Status.FAILED)
                    .map(a -> a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + ": " + a.getMessage())
                    .distinct().collect(Collectors.toCollection(ArrayList::new));
            if (!result.isCompliant() && failed.isEmpty()) {
                failed.add("not compliant");
            }
            return failed;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static PDDocument load(byte[] pdf) {
        try {
            return Loader.loadPDF(pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<PDRectangle> pageSizes(byte[] pdf) {
        try (PDDocument document = load(pdf)) {
            List<PDRectangle> sizes = new ArrayList<>();
            for (PDPage page : document.getPages()) {
                sizes.add(page.getMediaBox());
            }
            return sizes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of each page, in reading order. */
    static List<String> pageTexts(byte[] pdf) {
        try (PDDocument document = load(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            List<String> pages = new ArrayList<>();
            for (int p = 1; p <= document.getNumberOfPages(); p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                pages.add(stripper.getText(document));
            }
            return pages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rightmost point any glyph reaches, on any page, in points from the left edge. */
    static float rightmostGlyph(byte[] pdf) {
        try (PDDocument document = load(pdf)) {
            float[] right = {0};
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void processTextPosition(TextPosition text) {
                    right[0] = Math.max(right[0], text.getXDirAdj() + text.getWidthDirAdj());
                    super.processTextPosition(text);
                }
            };
            stripper.getText(document);
            return right[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Leaves the file in target/ to be looked at (or printed from a browser). */
    static void keep(byte[] bytes, String name) {
        try {
            Files.write(Path.of("target", name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first page as a PNG, for the documentation's pictures (copied into docs/img by bin/refresh-doc-images). */
    static void firstPageImage(byte[] pdf, String name) {
        try (PDDocument document = load(pdf)) {
            Path dir = Path.of("target", "docs-img");
            Files.createDirectories(dir);
            ImageIO.write(new PDFRenderer(document).renderImageWithDPI(0, 110, ImageType.RGB), "png",
                          dir.resolve(name + ".png").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
