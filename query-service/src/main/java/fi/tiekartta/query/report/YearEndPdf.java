package fi.tiekartta.query.report;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.JDKXRLogger;
import com.openhtmltopdf.util.XRLog;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.AdobePDFSchema;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.schema.XMPBasicSchema;
import org.apache.xmpbox.type.BadFieldValueException;
import org.apache.xmpbox.xml.XmpSerializer;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;

import javax.xml.transform.TransformerException;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * Renders the report's page to PDF/A-2u with openhtmltopdf (on Apache PDFBox): A4 portrait from the style sheet,
 * Liberation Sans and Mono embedded (they ship, with their licence, in a jar from Maven Central, so no system font
 * is needed), the sRGB output intent that PDF/A asks for, and no external resource loaded. Everything a PDF writer
 * would take from the clock (the document ID, creation and modification dates in the information dictionary and
 * the XMP metadata) is derived from the report instead, so the same report gives the same bytes.
 */
final class YearEndPdf {

    static final String FONT = "Liberation Sans";
    static final String MONO = "Liberation Mono";
    private static final String PRODUCER = "Tiekartta (openhtmltopdf, Apache PDFBox)";
    private static final byte[] SRGB = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

    static {
        // openhtmltopdf writes several lines at INFO to the console for every document; pass on its warnings only,
        // to the service's own logging (through java.util.logging's root logger).
        XRLog.setLoggerImpl(new JDKXRLogger(true, Level.WARNING, new Handler() {
            @Override
            public void publish(LogRecord record) {
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        }, new SimpleFormatter()));
    }

    byte[] render(String html, YearEnd report) {
        PdfRendererBuilder builder = new PdfRendererBuilder()
                .usePdfAConformance(PdfRendererBuilder.PdfAConformance.PDFA_2_U)
                .useColorProfile(SRGB)
                .withProducer(PRODUCER)
                .useDefaultPageSize(210, 297, BaseRendererBuilder.PageSizeUnits.MM)
                .useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI)
                .useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI)
                .withW3cDocument(new W3CDom().fromJsoup(Jsoup.parse(html)), null);
        font(builder, FONT, "LiberationSans-Regular", 400, BaseRendererBuilder.FontStyle.NORMAL);
        font(builder, FONT, "LiberationSans-Bold", 700, BaseRendererBuilder.FontStyle.NORMAL);
        font(builder, FONT, "LiberationSans-Italic", 400, BaseRendererBuilder.FontStyle.ITALIC);
        font(builder, FONT, "LiberationSans-BoldItalic", 700, BaseRendererBuilder.FontStyle.ITALIC);
        font(builder, MONO, "LiberationMono-Regular", 400, BaseRendererBuilder.FontStyle.NORMAL);
        font(builder, MONO, "LiberationMono-Bold", 700, BaseRendererBuilder.FontStyle.NORMAL);
        try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
            renderer.layout();
            renderer.createPDFWithoutClosing();
            try (PDDocument document = renderer.getPdfDocument()) {
                describe(document, report);
                ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
                document.save(out);
                return out.toByteArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void font(PdfRendererBuilder builder, String family, String file, int weight,
                             BaseRendererBuilder.FontStyle style) {
        String name = "liberation/" + file + ".ttf";
        builder.useFont(() -> {
            InputStream in = YearEndPdf.class.getClassLoader().getResourceAsStream(name);
            if (in == null) {
                throw new IllegalStateException("missing font " + name);
            }
            return in;
        }, family, weight, style, true);
    }

    /**
     * The document information and its XMP twin (PDF/A wants both to agree), dated at the report's {@code knownAt}:
     * the instant of the knowledge it shows, which is also what makes it reproducible. The document ID is a hash
     * of what identifies the report.
     */
    private static void describe(PDDocument document, YearEnd report) throws IOException {
        Calendar known = GregorianCalendar.from(report.knownAt().truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC));
        String title = "Digitiekartan vuosiraportti " + report.year();
        String subject = "Hankkeiden tilanne " + YearEndPage.finnish(report.asOf()) + " sellaisena kuin se tiedettiin hetkellä "
                         + report.knownAt() + " (UTC); tapahtumalokin tiiviste " + report.digest();
        PDDocumentInformation info = new PDDocumentInformation();
        info.setTitle(title);
        info.setSubject(subject);
        info.setCreator("Tiekartta");
        info.setProducer(PRODUCER);
        info.setCreationDate(known);
        info.setModificationDate(known);
        document.setDocumentInformation(info);

        XMPMetadata xmp = XMPMetadata.createXMPMetadata();
        try {
            PDFAIdentificationSchema pdfa = xmp.createAndAddPDFAIdentificationSchema();
            pdfa.setPart(2);
            pdfa.setConformance("U");
        } catch (BadFieldValueException e) {
            throw new IllegalStateException(e);
        }
        DublinCoreSchema dc = xmp.createAndAddDublinCoreSchema();
        dc.setFormat("application/pdf");
        dc.setTitle(title);
        dc.setDescription(subject);
        AdobePDFSchema pdf = xmp.createAndAddAdobePDFSchema();
        pdf.setProducer(PRODUCER);
        XMPBasicSchema basic = xmp.createAndAddXMPBasicSchema();
        basic.setCreatorTool("Tiekartta");
        basic.setCreateDate(known);
        basic.setModifyDate(known);
        basic.setMetadataDate(known);
        ByteArrayOutputStream serialized = new ByteArrayOutputStream();
        try {
            new XmpSerializer().serialize(xmp, serialized, true);
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
        // as openhtmltopdf does: some XML transformers drop the prefix of xml:lang
        String metadata = serialized.toString(StandardCharsets.UTF_8).replace(" lang=\"x-default\"", " xml:lang=\"x-default\"");
        document.getDocumentCatalog().getMetadata().importXMPMetadata(metadata.getBytes(StandardCharsets.UTF_8));

        // openhtmltopdf marks every PDF/A as tagged, but only writes a structure tree for PDF/UA, which this is not.
        document.getDocumentCatalog().setMarkInfo(null);

        byte[] id = Arrays.copyOf(sha256("tiekartta-year-end-report\n" + report.year() + "\n" + report.knownAt() + "\n"
                                         + report.digest()), 16);
        COSArray ids = new COSArray();
        ids.add(new COSString(id));
        ids.add(new COSString(id));
        document.getDocument().getTrailer().setItem(COSName.ID, ids);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
