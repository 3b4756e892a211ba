package fi.tiekartta.query.publicroadmap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tiekartta.query.projects.ProjectViewTable;
import fi.tiekartta.query.projects.InvalidQueryException;
import fi.tiekartta.query.projects.TimePoint;
import fi.tiekartta.query.report.ReportFormat;
import fi.tiekartta.query.report.YearEnd;
import fi.tiekartta.query.report.YearEndRepresentations;
import fi.tiekartta.query.report.YearEndReport;
import fi.tiekartta.query.report.YearEndReports;
import fi.tiekartta.query.roadmap.KnownAt;
import fi.tiekartta.query.roadmap.ProjectIdOrder;
import fi.tiekartta.query.roadmap.SectorGroups;
import fi.tiekartta.query.roadmap.StatusCounts;
import fi.tiekartta.support.time.RoadmapTime;
import fi.tiekartta.support.web.FieldViolation;
import fi.tiekartta.vocabulary.Sectors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

/**
 * The roadmap as open data, without a token (docs/PUBLIC.md): the roadmap on any day as known now, as JSON and
 * CSV, and the year-end reports of the years that have ended. What a public answer may hold is decided by the
 * public records ({@link PublicProject}); the year-end report holds nothing internal (no owner, actor, note or
 * reason) and is rendered by the same code as the signed-in one.
 */
@RestController
@ConditionalOnProperty(prefix = "tiekartta.public", name = "enabled", havingValue = "true")
@Tag(name = "Public roadmap", description = "Open data without a token: only when tiekartta.public.enabled is true")
@SecurityRequirements
public class PublicRoadmapController {

    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    private static final int FIRST_YEAR = 2000;
    private static final Comparator<PublicProject> BY_ID = Comparator.comparing(PublicProject::projectId, ProjectIdOrder.NATURAL);

    private final ProjectViewTable views;
    private final YearEndReports reports;
    private final YearEndRepresentations representations;
    private final Sectors sectors;
    private final PublicRoadmapProperties properties;
    private final ObjectMapper json;
    private final Clock clock;

    public PublicRoadmapController(ProjectViewTable views, YearEndReports reports, YearEndRepresentations representations,
                                   Sectors sectors, PublicRoadmapProperties properties, ObjectMapper json, Clock clock) {
        this.views = views;
        this.reports = reports;
        this.representations = representations;
        this.sectors = sectors;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    @Operation(summary = "The public roadmap on a day, as known now: sectors, their projects (public fields only), "
                         + "counts by status, the licence and the publisher",
            description = "Open data without a token (only when the organisation has turned the public roadmap on): "
                          + "each project carries only its public fields, never an owner, actor, note or reason.")
    @ApiResponse(responseCode = "200", description = "The roadmap; cacheable (Cache-Control public, ETag)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PublicRoadmap.class)),
            headers = {@Header(name = "ETag", description = "Changes whenever the answer does",
                               schema = @Schema(type = "string")),
                       @Header(name = "Cache-Control", description = "public, max-age=…", schema = @Schema(type = "string"))})
    @GetMapping(value = "/public/api/roadmap", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> roadmap(
            @Parameter(description = "The day the answer is about (Europe/Helsinki, YYYY-MM-DD), default today")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @Parameter(in = ParameterIn.HEADER, description = "An ETag from an earlier answer: 304 if unchanged")
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        byte[] body = toJson(roadmapOn(asOf));
        return CacheableAnswer.of(body, MediaType.APPLICATION_JSON, properties.maxAge(), ifNoneMatch, headers -> { });
    }

    @Operation(summary = "The public roadmap on a day as a spreadsheet: UTF-8 with BOM, semicolons, one row per project, "
                         + "the columns named as the JSON fields",
            description = "The public roadmap's projects as CSV (RFC 4180, `;`, CRLF, UTF-8 with a byte-order mark) for "
                          + "spreadsheets; a text that a spreadsheet would run as a formula gets an apostrophe in front.")
    @ApiResponse(responseCode = "200", description = "The roadmap as CSV; cacheable (Cache-Control public, ETag)",
            content = @Content(mediaType = "text/csv"))
    @GetMapping(value = "/public/api/roadmap.csv", produces = "text/csv")
    public ResponseEntity<byte[]> roadmapCsv(
            @Parameter(description = "The day the answer is about (Europe/Helsinki, YYYY-MM-DD), default today")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @Parameter(in = ParameterIn.HEADER, description = "An ETag from an earlier answer: 304 if unchanged")
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        PublicRoadmap roadmap = roadmapOn(asOf);
        String filename = "tiekartta-" + roadmap.asOf() + ".csv";
        return CacheableAnswer.of(PublicRoadmapCsv.render(roadmap), CSV, properties.maxAge(), ifNoneMatch,
                                  headers -> headers.setContentDisposition(ContentDisposition.attachment().filename(filename).build()));
    }

    @Operation(summary = "The year-end report of a year that has ended, as the signed-in report shows it (it holds no "
                         + "owners, actors, notes or reasons), as known at the start of the current minute",
            description = "JSON, CSV, printable HTML or PDF/A by Accept: the very bytes the signed-in report gives for "
                          + "the same knownAt. A year that has not ended has no report (404).")
    @ApiResponse(responseCode = "200", description = "The report; cacheable (Cache-Control public, ETag)", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = YearEndReport.class)),
            @Content(mediaType = "text/csv"), @Content(mediaType = "text/html"), @Content(mediaType = "application/pdf")})
    @ApiResponse(responseCode = "404", description = "The year has not ended yet (Europe/Helsinki): there is no report",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @ApiResponse(responseCode = "406", description = "Accept names none of the formats",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @ApiResponse(responseCode = "503", description = "The read models are catching up, or other PDFs took every turn to render "
                                                    + "for as long as a request waits; retry after Retry-After",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @GetMapping("/public/api/reports/year-end/{year}")
    public ResponseEntity<byte[]> yearEnd(
            @Parameter(description = "A year that has ended, 2000 or later; the report is about 31.12. of it")
            @PathVariable int year,
            @Parameter(in = ParameterIn.HEADER, description = "An ETag from an earlier answer: 304 if unchanged")
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            @RequestHeader HttpHeaders headers) {
        ReportFormat format = YearEndRepresentations.negotiate(headers);
        Instant now = clock.instant();
        if (year < FIRST_YEAR) {
            throw new InvalidQueryException(new FieldViolation("year", "must be " + FIRST_YEAR + " or later"));
        }
        if (year >= now.atZone(RoadmapTime.ZONE).getYear()) {
            throw new YearNotEndedException(year);
        }
        // The start of this minute: nothing recorded later than now, and the same bytes (and ETag) for a minute.
        YearEnd report = reports.report(year, KnownAt.normalise(now.truncatedTo(ChronoUnit.MINUTES)));
        YearEndRepresentations.Representation answer = representations.render(report, format);
        return CacheableAnswer.of(answer.body(), answer.contentType(), properties.maxAge(), ifNoneMatch,
                                  more -> more.putAll(answer.headers()));
    }

    private PublicRoadmap roadmapOn(LocalDate asOf) {
        TimePoint at = TimePoint.resolve(asOf, null, clock);
        Instant known = KnownAt.normalise(at.knownAt());
        List<PublicProject> projects = views.visibleAt(at.asOf(), known).stream()
                                            .map(found -> PublicProject.of(found.state())).sorted(BY_ID).toList();
        List<PublicRoadmap.Sector> bySector = SectorGroups.group(sectors, projects, PublicProject::sector).entrySet().stream()
                .map(group -> new PublicRoadmap.Sector(group.getKey().code(), group.getKey().label(),
                                                       StatusCounts.of(group.getValue().stream().map(PublicProject::status).toList()),
                                                       List.copyOf(group.getValue())))
                .toList();
        return new PublicRoadmap(at.asOf(), properties.license(), properties.publisher(),
                                 StatusCounts.of(projects.stream().map(PublicProject::status).toList()), bySector);
    }


    private byte[] toJson(Object answer) {
        try {
            return json.writeValueAsBytes(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
