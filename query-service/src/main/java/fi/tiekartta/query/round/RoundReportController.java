package fi.tiekartta.query.round;

import fi.tiekartta.query.report.ReadModelBehindException;
import fi.tiekartta.query.report.ReportFormat;
import fi.tiekartta.query.report.ReportTimelines;
import fi.tiekartta.query.report.YearEndDocument;
import fi.tiekartta.query.report.YearEndRepresentations;
import fi.tiekartta.query.roadmap.RoadmapQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /api/reporting-rounds/{roundId}/report}: the roadmap on the round's {@code asOf} as known when it closed
 * ({@link RoadmapQuery}, the query of {@code GET /api/roadmap}), as JSON, CSV or printable HTML in the year-end
 * report's forms ({@link YearEndRepresentations}, {@code SpreadsheetCsv}, the same template engine and style). A
 * closed round's instant is in the past and the projection has passed it (the round's closing is projected in the
 * same processor as the views), so its report is the same bytes every time.
 */
@Tag(name = "reporting rounds")
@RestController
public class RoundReportController {

    private static final Set<ReportFormat> OFFERED = EnumSet.of(ReportFormat.JSON, ReportFormat.CSV, ReportFormat.HTML);
    private static final String TEMPLATE = "round";

    private final RoundTable rounds;
    private final RoundProgress progress;
    private final RoadmapQuery roadmaps;
    private final YearEndRepresentations representations;
    private final YearEndDocument documents;
    private final ReportTimelines timelines;

    public RoundReportController(RoundTable rounds, RoundProgress progress, RoadmapQuery roadmaps,
                                 YearEndRepresentations representations, YearEndDocument documents,
                                 ReportTimelines timelines) {
        this.timelines = timelines;
        this.rounds = rounds;
        this.progress = progress;
        this.roadmaps = roadmaps;
        this.representations = representations;
        this.documents = documents;
    }

    @Operation(summary = "A reporting round's report: the roadmap on its asOf as known when the round closed",
            description = "COORDINATOR, MANAGEMENT, AUDITOR. JSON, CSV or printable HTML by Accept. Once the round is closed "
                          + "the same bytes every time; while it is open, as known now, marked provisional.")
    @ApiResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = RoundReport.class)),
            @Content(mediaType = "text/csv"), @Content(mediaType = "text/html")})
    @ApiResponse(responseCode = "404", description = "No such round",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @ApiResponse(responseCode = "406", description = "Accept names none of the formats",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @ApiResponse(responseCode = "503", description = "The round is closed but the read models have not yet applied every event recorded before its closing",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @GetMapping("/api/reporting-rounds/{roundId}/report")
    public ResponseEntity<byte[]> roundReport(@Parameter(description = "The round") @PathVariable String roundId,
                                         @RequestHeader HttpHeaders headers) {
        ReportFormat format = YearEndRepresentations.negotiate(headers, OFFERED);
        ReportingRound round = rounds.find(roundId).orElseThrow(() -> new RoundNotFoundException(roundId));
        Instant knownAt = progress.knownAt(round);
        if (!round.isOpen() && timelines.eventsNotYetProjected(knownAt) > 0) {
            // A final report must not be given with a gap (an event recorded before the closing still in flight).
            throw new ReadModelBehindException(knownAt);
        }
        RoundReport report = RoundReport.of(round, roadmaps.at(round.asOf(), knownAt));
        HttpHeaders answer = new HttpHeaders();
        answer.setVary(List.of(HttpHeaders.ACCEPT));
        byte[] body = switch (format) {
            case CSV -> {
                answer.setContentDisposition(ContentDisposition.attachment().filename("raportointikierros-" + round.asOf()
                                                                                      + ".csv").build());
                yield RoundReportCsv.render(report);
            }
            case HTML -> {
                answer.set("Content-Security-Policy", YearEndDocument.CONTENT_SECURITY_POLICY);
                yield documents.html(TEMPLATE, RoundReportPage.of(report));
            }
            default -> representations.json(report);
        };
        return ResponseEntity.ok().contentType(format.contentType()).headers(answer).body(body);
    }
}
