package fi.tiekartta.query.report;

import fi.tiekartta.query.projects.TimePoint;
import fi.tiekartta.query.roadmap.KnownAt;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

/**
 * {@code GET /api/reports/year-end/{year}}: JSON, CSV, HTML or PDF/A by {@code Accept}. Every format is rendered
 * from one computed report ({@link YearEndRepresentations}), and nothing in them depends on when they were asked
 * for: the same {@code knownAt} gives the same bytes, and the answer names the {@code knownAt} it used.
 */
@Tag(name = "reports", description = "The year-end report for the financial statement, reproducible to the byte")
@RestController
public class YearEndReportController {

    static final int FIRST_YEAR = 2000;

    private final YearEndReports reports;
    private final YearEndRepresentations representations;
    private final Clock clock;

    public YearEndReportController(YearEndReports reports, YearEndRepresentations representations, Clock clock) {
        this.reports = reports;
        this.representations = representations;
        this.clock = clock;
    }

    @Operation(summary = "The year-end report: counts by status on 31.12. and what started, was completed, postponed, "
                         + "dropped or is overdue, per sector; with the digest of the event log it was computed from",
            description = "JSON, CSV, printable HTML or PDF/A by Accept. The same year and knownAt give the same bytes; the answer names the knownAt it used, so the report can be reproduced later.")
    @ApiResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = YearEndReport.class)),
            @Content(mediaType = "text/csv"), @Content(mediaType = "text/html"), @Content(mediaType = "application/pdf")})
    @ApiResponse(responseCode = "406", description = "Accept names none of the formats",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @ApiResponse(responseCode = "503", description = "The read models have not yet applied every event up to knownAt, or "
                                                    + "other PDFs took every turn to render for as long as a request waits; retry after Retry-After",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @GetMapping("/api/reports/year-end/{year}")
    public ResponseEntity<byte[]> yearEnd(
            @Parameter(description = "The year; the report is about 31.12. of it") @PathVariable int year,
            @Parameter(description = "Use only what was recorded up to this instant (UTC, millisecond resolution), "
                                     + "default now; not in the future")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant knownAt,
            @RequestHeader HttpHeaders headers) {
        ReportFormat format = YearEndRepresentations.negotiate(headers);
        int lastYear = LocalDate.now(clock).getYear() + 1;
        if (year < FIRST_YEAR || year > lastYear) {
            throw new InvalidReportRequestException("year", "must be between " + FIRST_YEAR + " and " + lastYear);
        }
        Instant known = knownAt != null ? TimePoint.requireSane(knownAt, clock) : clock.instant();
        YearEnd report = reports.report(year, KnownAt.normalise(known));
        YearEndRepresentations.Representation answer = representations.render(report, format);
        return ResponseEntity.ok().contentType(answer.contentType()).headers(answer.headers()).body(answer.body());
    }
}
