package fi.tiekartta.query.report;

/**
 * The year-end report's renderers for callers outside this package (the public roadmap), so that every variant
 * of the report is rendered by the very same code as {@code GET /api/reports/year-end/{year}}. Only delegates:
 * once the renderers themselves are public, callers can use them directly and this class can go.
 */
public final class YearEndRenderings {

    /** The policy the HTML answer needs: its own inline styles, and nothing else. */
    public static final String HTML_CONTENT_SECURITY_POLICY = YearEndHtml.CONTENT_SECURITY_POLICY;

    private YearEndRenderings() {
    }

    public static YearEndReport json(YearEnd report) {
        return YearEndReport.of(report);
    }

    public static byte[] csv(YearEnd report) {
        return YearEndCsv.render(report);
    }

    public static byte[] html(YearEnd report) {
        return YearEndHtml.render(report);
    }
}
