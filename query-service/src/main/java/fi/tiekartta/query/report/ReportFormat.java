package fi.tiekartta.query.report;

import org.springframework.http.MediaType;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The representations of the year-end report, chosen by {@code Accept}. */
public enum ReportFormat {
    JSON(MediaType.APPLICATION_JSON, MediaType.APPLICATION_JSON),
    CSV(new MediaType("text", "csv"), MediaType.parseMediaType("text/csv;charset=UTF-8")),
    HTML(MediaType.TEXT_HTML, MediaType.parseMediaType("text/html;charset=UTF-8")),
    PDF(MediaType.APPLICATION_PDF, MediaType.APPLICATION_PDF);

    private final MediaType type;
    private final MediaType contentType;

    ReportFormat(MediaType type, MediaType contentType) {
        this.type = type;
        this.contentType = contentType;
    }

    public MediaType contentType() {
        return contentType;
    }

    /**
     * The format the client prefers (RFC 9110, 12.5.1): each format gets the quality of the most specific range
     * that names it; the highest quality wins, then the more specific range, then JSON before CSV before HTML
     * before PDF. No {@code Accept} (or an empty one) means JSON.
     *
     * @throws ReportNotAcceptableException when the client accepts none of them
     */
    public static ReportFormat negotiate(List<MediaType> accepted) {
        return negotiate(accepted, EnumSet.allOf(ReportFormat.class));
    }

    /** The same among the formats a report is {@code offered} in (JSON always among them). */
    public static ReportFormat negotiate(List<MediaType> accepted, Set<ReportFormat> offered) {
        if (accepted.isEmpty()) {
            return JSON;
        }
        ReportFormat best = null;
        MediaType bestRange = null;
        for (ReportFormat format : offered) {
            MediaType range = mostSpecificRangeFor(format, accepted);
            if (range == null || range.getQualityValue() <= 0) {
                continue;
            }
            if (best == null || range.getQualityValue() > bestRange.getQualityValue()
                || (range.getQualityValue() == bestRange.getQualityValue() && specificity(range) > specificity(bestRange))) {
                best = format;
                bestRange = range;
            }
        }
        if (best == null) {
            throw new ReportNotAcceptableException(offered);
        }
        return best;
    }

    private static MediaType mostSpecificRangeFor(ReportFormat format, List<MediaType> accepted) {
        MediaType found = null;
        for (MediaType range : accepted) {
            if (range.includes(format.type) && (found == null || specificity(range) > specificity(found))) {
                found = range;
            }
        }
        return found;
    }

    private static int specificity(MediaType range) {
        return range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
    }
}
