package fi.tiekartta.query.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One computed year-end report in the format the client asked for by {@code Accept}: its bytes and the headers
 * that go with them. Every endpoint that hands out the report (the signed-in one, the public one) renders it
 * here, so that they cannot differ: for the same {@code knownAt} the public report is the signed-in one, byte for
 * byte, and the address its documents print (the signed-in one, with that {@code knownAt}) says so truly.
 */
@Component
public class YearEndRepresentations {

    private final YearEndDocument documents;
    private final PdfRenderings pdfRenderings;
    private final ObjectMapper json;

    public YearEndRepresentations(YearEndDocument documents, PdfRenderings pdfRenderings, ObjectMapper json) {
        this.documents = documents;
        this.pdfRenderings = pdfRenderings;
        this.json = json;
    }

    /** The report's bytes in one format, with the headers that belong to them (besides the content type). */
    public record Representation(ReportFormat format, byte[] body, HttpHeaders headers) {

        public MediaType contentType() {
            return format.contentType();
        }
    }

    /**
     * @throws ReportNotAcceptableException when {@code Accept} names none of the formats, or cannot be read
     */
    public static ReportFormat negotiate(HttpHeaders request) {
        return negotiate(request, EnumSet.allOf(ReportFormat.class));
    }

    /** The same for a report offered in fewer formats (a reporting round's: no PDF). */
    public static ReportFormat negotiate(HttpHeaders request, Set<ReportFormat> offered) {
        try {
            return ReportFormat.negotiate(request.getAccept(), offered);
        } catch (InvalidMediaTypeException e) {
            throw new ReportNotAcceptableException(offered);
        }
    }

    /** A report as JSON, as every report endpoint writes it. */
    public byte[] json(Object report) {
        return toJson(report);
    }

    /**
     * @throws RenderingBusyException for a PDF, when other PDFs took every turn for as long as a request waits
     */
    public Representation render(YearEnd report, ReportFormat format) {
        HttpHeaders headers = new HttpHeaders();
        headers.setVary(List.of(HttpHeaders.ACCEPT));
        byte[] body = switch (format) {
            case JSON -> toJson(YearEndReport.of(report));
            case CSV -> {
                headers.setContentDisposition(ContentDisposition.attachment()
                                                                .filename("vuosiraportti-" + report.year() + ".csv").build());
                yield YearEndCsv.render(report);
            }
            case HTML -> {
                headers.set("Content-Security-Policy", YearEndDocument.CONTENT_SECURITY_POLICY);
                yield documents.html(report);
            }
            case PDF -> {
                headers.setContentDisposition(ContentDisposition.inline()
                                                                .filename("vuosiraportti-" + report.year() + ".pdf").build());
                yield pdfRenderings.render(() -> documents.pdf(report));
            }
        };
        return new Representation(format, body, headers);
    }

    private byte[] toJson(Object report) {
        try {
            return json.writeValueAsBytes(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
