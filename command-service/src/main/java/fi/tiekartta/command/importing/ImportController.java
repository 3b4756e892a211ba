package fi.tiekartta.command.importing;

import fi.tiekartta.command.idempotency.IdempotentExecution;
import fi.tiekartta.support.web.FieldViolation;
import fi.tiekartta.support.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

@Tag(name = "imports", description = "Importing a whole roadmap from CSV, all rows or none")
@RestController
@RequestMapping("/api/imports")
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

    /** One bad row of the file with everything wrong with it, in the problem's {@code rows} property. */
    public record RowProblems(int line, String projectId, List<FieldViolation> errors) {
    }

    @Operation(summary = "Put a whole roadmap on the map: all rows or none",
            description = "Body: semicolon-separated CSV with the header id;sector;title;status_text and optionally "
                          + "owner, planned_start_year, planned_end_year, description in any order. Each row is "
                          + "registered and given the status its Finnish status phrase says, effective on "
                          + "effectiveDate.",
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
        LocalDate today = LocalDate.now(clock);
        if (effectiveDate.isAfter(today)) {
            throw ImportRejectedException.of(List.of(ImportProblem.ofRequest(
                    "effectiveDate", "must not be after today (" + today + ", Europe/Helsinki)")));
        }
        String csv = CsvText.decode(request.getBody(), request.getHeaders().getContentType());
        return idempotent.execute(key, csv, () ->
                ResponseEntity.status(HttpStatus.CREATED).body(importer.importRoadmap(csv, effectiveDate)));
    }

    @ExceptionHandler(ImportRejectedException.class)
    public ProblemDetail rejected(ImportRejectedException ex) {
        HttpStatus status = ex.status();
        String detail = ex.rowCount() == 0
                ? "The import was refused; nothing was imported."
                : ex.rowCount() + " row(s) of the file cannot be imported; nothing was imported.";
        ProblemDetail problem = status == HttpStatus.CONFLICT
                ? Problems.of(status, "Project exists", detail)
                : Problems.of(status, "Invalid input", detail);
        problem.setProperty("errors", ex.problems().stream()
                                         .map(p -> new FieldViolation(p.label(), p.message())).toList());
        List<RowProblems> rows = rowsOf(ex.problems());
        if (!rows.isEmpty()) {
            problem.setProperty("rows", rows);
        }
        return problem;
    }

    private static List<RowProblems> rowsOf(List<ImportProblem> problems) {
        Map<Integer, List<ImportProblem>> byLine = new TreeMap<>();
        problems.stream().filter(p -> p.line() != null)
                .forEach(p -> byLine.computeIfAbsent(p.line(), l -> new ArrayList<>()).add(p));
        return byLine.entrySet().stream()
                     .map(e -> new RowProblems(e.getKey(), e.getValue().get(0).projectId(), e.getValue().stream()
                             .map(p -> new FieldViolation(p.field(), p.message())).toList()))
                     .toList();
    }
}
