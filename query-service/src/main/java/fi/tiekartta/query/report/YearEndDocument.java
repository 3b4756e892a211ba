package fi.tiekartta.query.report;

import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * The year-end report as a document for people: a printable HTML page, or the same page as an A4 PDF/A for the
 * financial statement's archive. Both come from one Thymeleaf template ({@code templates/report/year-end.html}),
 * which escapes every value it writes, and one style sheet; nothing in either depends on when it was made, only
 * on the report, so the same {@code knownAt} gives the same bytes.
 *
 * <p>Controllers reach it through {@link YearEndRepresentations}, which picks the format.
 */
@Component
public class YearEndDocument {

    private static final String TEMPLATE = "year-end";
    private static final String STYLE = resource("templates/report/year-end.css");

    /**
     * The page's own Content-Security-Policy: nothing may run or load, and only its one style sheet applies
     * (named by hash, so the policy stays exact). It replaces the services' default policy for this answer, which
     * would refuse the inline style and leave a printed report unstyled.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'sha256-" + sha256(STYLE)
            + "'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final TemplateEngine templates;
    private final YearEndPdf pdf = new YearEndPdf();

    public YearEndDocument() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(YearEndDocument.class.getClassLoader());
        resolver.setPrefix("templates/report/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        templates = new TemplateEngine();
        templates.setTemplateResolver(resolver);
    }

    /** The printable page, UTF-8; answer it with {@link #CONTENT_SECURITY_POLICY}. */
    public byte[] html(YearEnd report) {
        return page(YearEndPage.of(report, address(report), false)).getBytes(StandardCharsets.UTF_8);
    }

    /** The report as PDF/A-2u, A4 portrait, fonts embedded. */
    public byte[] pdf(YearEnd report) {
        return pdf.render(page(YearEndPage.of(report, address(report), true)), report);
    }

    /**
     * Another report's printable page from its own template in {@code templates/report/}, styled by the same style
     * sheet (so {@link #CONTENT_SECURITY_POLICY} fits it too), with {@code page} as its variable {@code page}.
     */
    public byte[] html(String template, Object page) {
        return templates.process(template, new Context(Locale.forLanguageTag("fi"), Map.of("page", page, "style", STYLE)))
                        .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The path that gives this report again, printed in its footer: the signed-in API's, with the report's
     * {@code knownAt}. It holds for the public report too, which is the same bytes for the same {@code knownAt}.
     */
    static String address(YearEnd report) {
        return "/api/reports/year-end/" + report.year() + "?knownAt=" + report.knownAt();
    }

    private String page(YearEndPage page) {
        return templates.process(TEMPLATE, new Context(Locale.forLanguageTag("fi"), Map.of("page", page, "style", STYLE)));
    }

    private static String resource(String name) {
        try (InputStream in = YearEndDocument.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                                                                   .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
