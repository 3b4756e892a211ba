package fi.tiekartta.command.project;

import fi.tiekartta.command.dispatch.CommandSender;
import fi.tiekartta.command.web.IfMatch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.UUID;

@RestController
@RequestMapping("/api/projects")
public class ProjectController {

    /** Enough for any realistic burst of registrations in one sector without an explicit id. */
    private static final int ID_ALLOCATION_ATTEMPTS = 5;

    private final CommandSender commands;
    private final ProjectIdAllocator ids;

    public ProjectController(CommandSender commands, ProjectIdAllocator ids) {
        this.commands = commands;
        this.ids = ids;
    }

    @Operation(summary = "Put a project on the roadmap",
            description = "Without projectId the next free id of the sector is given (TE-13 after TE-12).")
    @ApiResponse(responseCode = "201", description = "Registered; Location names the project")
    @ApiResponse(responseCode = "409", description = "A project with this id exists",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @PostMapping
    public ResponseEntity<ChangeAccepted> register(@Valid @RequestBody RegisterProjectRequest body) {
        if (body.projectId() != null) {
            return registered(register(body, body.projectId()));
        }
        for (int attempt = 1; ; attempt++) {
            String proposed = ids.nextIdFor(body.sector()).orElse(null);
            try {
                return registered(register(body, proposed));
            } catch (AggregateStreamCreationException taken) {
                if (proposed == null || attempt == ID_ALLOCATION_ATTEMPTS) {
                    throw taken;
                }
            }
        }
    }

    @Operation(summary = "Report a status change of a project or of one of its units")
    @ApiResponse(responseCode = "201", description = "Recorded; the answer carries changeId and the new version")
    @ApiResponse(responseCode = "404", description = "No such project",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @ApiResponse(responseCode = "412", description = "If-Match names a version that is no longer current",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @PostMapping("/{projectId}/status-changes")
    public ResponseEntity<ChangeAccepted> changeStatus(
            @PathVariable String projectId,
            @Parameter(description = "The project version the change is based on, e.g. \"3\"")
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody ChangeStatusRequest body) {
        ChangeAccepted accepted = commands.send(new ChangeProjectStatusCommand(
                projectId, IfMatch.parseVersion(ifMatch), UUID.randomUUID().toString(), body.status(),
                body.effectiveDate(), body.progressPercent(), body.targetYear(), body.scheduledFor(), body.unit(),
                body.note(), body.reason()));
        return ResponseEntity.status(201).eTag(Long.toString(accepted.version())).body(accepted);
    }

    private ChangeAccepted register(RegisterProjectRequest body, String projectId) {
        String changeId = UUID.randomUUID().toString();
        commands.send(new RegisterProjectCommand(projectId, changeId, body.sector(), body.title(), body.owner(),
                                                 body.plannedStartYear(), body.plannedEndYear(), body.description(),
                                                 null));
        return new ChangeAccepted(projectId, changeId, 0);
    }

    private static ResponseEntity<ChangeAccepted> registered(ChangeAccepted accepted) {
        return ResponseEntity.created(URI.create("/api/projects/" + accepted.projectId()))
                             .eTag(Long.toString(accepted.version()))
                             .body(accepted);
    }
}
