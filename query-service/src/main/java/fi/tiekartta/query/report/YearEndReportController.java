package fi.tiekartta.query.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tiekartta.query.roadmap.KnownAt;
import fi.tiekartta.support.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /api/reports/year-end/{year}}: JSON, CSV or HTML by {@code Accept}. Every format is rendered to
 * bytes here from one computed report, and nothing in them depends on when they were asked for: the same
 * {@code knownAt} gives the same bytes, and the answer names the {@code knownAt} it used.
 */
@Tag(name = "reports", description = "The year-end report for the financial statement, reproducible to the byte")
@RestController
public class YearEndReportController {

    static final int FIRST_YEAR = 2000;

    private final YearEndReports reports;
    private final ObjectMapper json;
    private final Clock clock;

    public YearEndReportController(YearEndReports reports, ObjectMapper json, Clock clock) {
        this.reports = reports;
        this.json = json;
        this.clock = clock;
    }

    @Operation(summary = "The year-end report: counts by status on 31.12. and what started, was completed, postponed, "
                         + "dropped or is overdue, per sector; with the digest of the event log it was computed from",
            description = "JSON, CSV or printable HTML by Accept. The same year and knownAt give the same bytes; the answer names the knownAt it used, so the report can be reproduced later.")
    @ApiResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = YearEndReport.class)),
            @Content(mediaType = "text/csv"), @Content(mediaType = "text/html")})
    @ApiResponse(responseCode = "406", description = "Accept names none of the formats",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @ApiResponse(responseCode = "503", description = "The read models have not yet applied every event up to knownAt",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @GetMapping("/api/reports/year-end/{year}")
    public ResponseEntity<byte[]> yearEnd(
            @Parameter(description = "The year; the report is about 31.12. of it") @PathVariable int year,
            @Parameter(description = "Use only what was recorded up to this instant (UTC, millisecond resolution), "
                                     + "default now; not in the future")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant knownAt,
            @RequestHeader HttpHeaders headers) {
        ReportFormat format = ReportFormat.negotiate(accepted(headers));
        Instant now = clock.instant();
        int lastYear = LocalDate.now(clock).getYear() + 1;
        if (year < FIRST_YEAR || year > lastYear) {
            throw new InvalidReportRequestException("year", "must be between " + FIRST_YEAR + " and " + lastYear);
        }
        if (knownAt != null && knownAt.atZone(java.time.ZoneOffset.UTC).getYear() < 1000) {
            throw new InvalidReportRequestException("knownAt", "must be an instant after the year 1000");
        }
        if (knownAt != null && knownAt.isAfter(now)) {
            throw new InvalidReportRequestException("knownAt", "must not be in the future: a report about knowledge "
                                                               + "not yet recorded could not be reproduced");
        }
        YearEnd report = reports.report(year, KnownAt.normalise(knownAt != null ? knownAt : now));

        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().contentType(format.contentType()).header(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        return switch (format) {
            case JSON -> answer.body(toJson(YearEndReport.of(report)));
            case CSV -> answer.header(HttpHeaders.CONTENT_DISPOSITION,
                                      ContentDisposition.attachment().filename("vuosiraportti-" + year + ".csv").build().toString())
                              .body(YearEndCsv.render(report));
            case HTML -> answer.header("Content-Security-Policy", YearEndHtml.CONTENT_SECURITY_POLICY)
                               .body(YearEndHtml.render(report));
        };
    }

    @ExceptionHandler(ReportNotAcceptableException.class)
    public ResponseEntity<ProblemDetail> notAcceptable(ReportNotAcceptableException ex) {
        return problem(Problems.of(HttpStatus.NOT_ACCEPTABLE, "Not acceptable", ex.getMessage()));
    }

    @ExceptionHandler(InvalidReportRequestException.class)
    public ResponseEntity<ProblemDetail> invalid(InvalidReportRequestException ex) {
        return problem(Problems.invalidInput("A parameter is invalid.", List.of(ex.violation())));
    }

    @ExceptionHandler(ReadModelBehindException.class)
    public ResponseEntity<ProblemDetail> behind(ReadModelBehindException ex) {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Read models catching up", ex.getMessage());
        return ResponseEntity.status(problem.getStatus()).header(HttpHeaders.RETRY_AFTER, "5")
                             .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** Problems are JSON whatever the client accepts: the content type is set, so no negotiation fails on it. */
    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static List<MediaType> accepted(HttpHeaders headers) {
        try {
            return headers.getAccept();
        } catch (InvalidMediaTypeException e) {
            throw new ReportNotAcceptableException();
        }
    }

    private byte[] toJson(YearEndReport report) {
        try {
            return json.writeValueAsBytes(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
