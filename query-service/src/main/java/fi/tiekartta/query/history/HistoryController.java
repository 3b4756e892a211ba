package fi.tiekartta.query.history;

import fi.tiekartta.query.projects.ChangeLog;
import fi.tiekartta.query.projects.ProjectNotFoundException;
import fi.tiekartta.query.projects.RecordedChange;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

@Tag(name = "history", description = "Every recorded change of a project, with who, when and why")
@RestController
public class HistoryController {

    private final ChangeLog changes;

    public HistoryController(ChangeLog changes) {
        this.changes = changes;
    }

    /** The answer of {@code GET /api/projects/{id}/history}. */
    public record ProjectHistory(String projectId, List<HistoryChange> changes) {
    }

    @Operation(summary = "Every recorded change of a project, in recording order, with who, when and why",
            description = "Corrections and retractions are listed beside what they correct (corrects), and what they correct names them (supersededBy). details holds what a registration, owner assignment or revision set.")
    @ApiResponse(responseCode = "200", description = "The history")
    @ApiResponse(responseCode = "404", description = "No such project",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @GetMapping("/api/projects/{projectId}/history")
    public ProjectHistory history(@PathVariable String projectId) {
        List<RecordedChange> recorded = changes.changesOf(projectId);
        if (recorded.isEmpty()) {
            throw new ProjectNotFoundException(projectId);
        }
        Map<String, String> supersededBy = new HashMap<>();
        recorded.stream().filter(c -> c.corrects() != null).forEach(c -> supersededBy.put(c.corrects(), c.changeId()));
        return new ProjectHistory(projectId, recorded.stream()
                                                     .map(c -> HistoryChange.of(c, supersededBy.get(c.changeId())))
                                                     .toList());
    }
}
