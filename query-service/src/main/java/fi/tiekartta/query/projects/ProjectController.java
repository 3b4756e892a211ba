package fi.tiekartta.query.projects;

import fi.tiekartta.vocabulary.ProjectStatus;
import fi.tiekartta.vocabulary.Sectors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.lang.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

@Tag(name = "projects", description = "Projects as they stood on a day (asOf), as known at an instant (knownAt)")
@RestController
@RequestMapping("/api/projects")
public class ProjectController {

    private static final String AS_OF = "The day the answer is about (Europe/Helsinki), default today";
    private static final String KNOWN_AT = "Use only what was recorded up to this instant (UTC), default now";

    private final ProjectViewTable views;
    private final Sectors sectors;
    private final Clock clock;

    public ProjectController(ProjectViewTable views, Sectors sectors, Clock clock) {
        this.views = views;
        this.sectors = sectors;
        this.clock = clock;
    }

    /**
     * The answer of {@code GET /api/projects}.
     *
     * @param nextCursor the {@code cursor} of the next page; null on the last page and when no {@code limit} was asked
     */
    public record ProjectList(LocalDate asOf, Instant knownAt, List<ProjectView> projects, @Nullable String nextCursor) {
    }

    @Operation(summary = "The projects on the roadmap on a day, as known at an instant",
            description = "Optionally only one sector or one status. A project is listed from its registration on. "
                          + "With limit, one page in project id order; nextCursor asks for the next (with the same asOf and knownAt).")
    @GetMapping
    public ProjectList list(
            @RequestParam(required = false) String sector,
            @RequestParam(required = false) ProjectStatus status,
            @Parameter(description = AS_OF) @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @Parameter(description = KNOWN_AT) @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant knownAt,
            @Parameter(description = "At most this many projects (1 to 1000); default all")
            @RequestParam(required = false) Integer limit,
            @Parameter(description = "The nextCursor of the previous page (requires limit)")
            @RequestParam(required = false) String cursor) {
        SectorParameter.requireKnown(sectors, sector);
        ListCursor.requireValidPaging(limit, cursor);
        String afterId = cursor == null ? null : ListCursor.projectIdOf(cursor);
        TimePoint at = TimePoint.resolve(asOf, knownAt, clock);
        String statusCode = status == null ? null : status.name();
        if (limit == null) {
            List<ProjectView> projects = views.visibleAt(at.asOf(), at.knownAt(), sector, statusCode).stream().map(ProjectView::of).toList();
            return new ProjectList(at.asOf(), at.knownAt(), projects, null);
        }
        // One more than the page: whether there is a next page, without a count.
        List<ProjectView> found = views.visibleAt(at.asOf(), at.knownAt(), sector, statusCode, afterId, limit + 1)
                                       .stream().map(ProjectView::of).toList();
        List<ProjectView> page = found.subList(0, Math.min(limit, found.size()));
        String next = found.size() > limit ? ListCursor.after(page.get(page.size() - 1).projectId()) : null;
        return new ProjectList(at.asOf(), at.knownAt(), List.copyOf(page), next);
    }

    @Operation(summary = "One project on a day, as known at an instant; ETag is its version (send it as If-Match)",
            description = "The ETag is the project's version, which commands take as If-Match.")
    @ApiResponse(responseCode = "200", description = "The project")
    @ApiResponse(responseCode = "404", description = "Not on the roadmap on that day as known then",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @GetMapping("/{projectId}")
    public ResponseEntity<ProjectView> get(
            @PathVariable String projectId,
            @Parameter(description = AS_OF) @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @Parameter(description = KNOWN_AT) @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant knownAt) {
        TimePoint at = TimePoint.resolve(asOf, knownAt, clock);
        ProjectView view = views.find(projectId, at.asOf(), at.knownAt()).map(ProjectView::of)
                                .orElseThrow(() -> new ProjectNotFoundException(projectId, at));
        return ResponseEntity.ok().eTag(Long.toString(view.version())).body(view);
    }
}
