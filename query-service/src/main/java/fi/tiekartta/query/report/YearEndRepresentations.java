package fi.tiekartta.query.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * One computed year-end report in the format the client asked for by {@code Accept}: its bytes and the headers
 * that go with them. Every endpoint that hands out the report (the signed-in one, the public one) renders it
 * here, so that they cannot differ: for the same {@code knownAt} the public report is the signed-in one, byte for
 * byte, and the address its documents print (the signed-in one, with that {@code knownAt}) says so truly.
 */
@Component
public class YearEndRepresentations {

    private final YearEndDocument documents;
    private final ObjectMapper json;

    public YearEndRepresentations(YearEndDocument documents, ObjectMapper json) {
        this.documents = documents;
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
        try {
            return ReportFormat.negotiate(request.getAccept());
        } catch (InvalidMediaTypeException e) {
            throw new ReportNotAcceptableException();
        }
    }

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
                yield documents.pdf(report);
            }
        };
        return new Representation(format, body, headers);
    }

    private byte[] toJson(YearEndReport report) {
        try {
            return json.writeValueAsBytes(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
