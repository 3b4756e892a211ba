package fi.tiekartta.command.importing;

import fi.tiekartta.command.idempotency.IdempotentExecution;
import fi.tiekartta.command.project.ProjectRules;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

@Tag(name = "imports", description = "Importing a whole roadmap from CSV, all rows or none")
@RestController
// produces: an Accept the answer cannot meet is refused (406) before the command runs, not after it is recorded.
@RequestMapping(path = "/api/imports", produces = MediaType.APPLICATION_JSON_VALUE)
public class ImportController {

    static final String TEXT_CSV = "text/csv";
    private static final String PROBLEM_JSON = "application/problem+json";

    private final RoadmapImporter importer;
    private final Clock clock;
    private final IdempotentExecution idempotent;

    public ImportController(RoadmapImporter importer, Clock clock, IdempotentExecution idempotent) {
        this.importer = importer;
        this.clock = clock;
        this.idempotent = idempotent;
    }

    @Operation(summary = "Put a whole roadmap on the map: all rows or none",
            description = "Body: semicolon-separated CSV with the header id;sector;title;status_text and optionally "
                          + "owner, planned_start_year, planned_end_year, description in any order. Each row is "
                          + "registered and given the status its Finnish status phrase says, effective on "
                          + "effectiveDate. With an owner column every row names its owner; without one the "
                          + "projects are registered without owners, for coordinators to assign.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = TEXT_CSV, schema = @Schema(type = "string",
                    example = "id;sector;title;status_text\nTE-10;TEKNIIKKA;Vesimittareiden vaihto;MENEILLÄÄN (60 % TEHTY)"))))
    @ApiResponse(responseCode = "201", description = "Imported; counts and the project ids",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportSummary.class)))
    @ApiResponse(responseCode = "400", description = "Invalid rows, each named by line and id in `errors` and `rows`; nothing imported",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = "Problem")))
    @ApiResponse(responseCode = "409", description = "Rows whose projects are already on the roadmap; nothing imported",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = "Problem")))
    @ApiResponse(responseCode = "415", description = "The body is not text/csv",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = "Problem")))
    @PostMapping(consumes = TEXT_CSV)
    public ResponseEntity<?> importRoadmap(
            @Parameter(description = "The day the roadmap speaks of (Europe/Helsinki), not in the future", required = true)
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate effectiveDate,
            @RequestHeader(value = IdempotentExecution.HEADER, required = false) String key,
            HttpEntity<byte[]> request) {
        ProjectRules.notAfterToday(effectiveDate, LocalDate.now(clock)).ifPresent(message -> {
            throw ImportRejectedException.of(List.of(ImportProblem.ofRequest("effectiveDate", message)));
        });
        String csv = CsvText.decode(request.getBody(), request.getHeaders().getContentType());
        return idempotent.execute(key, csv, () ->
                ResponseEntity.status(HttpStatus.CREATED).body(importer.importRoadmap(csv, effectiveDate)));
    }
}
