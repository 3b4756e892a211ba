package fi.tiekartta.command.project;

import fi.tiekartta.command.dispatch.CommandSender;
import fi.tiekartta.command.idempotency.IdempotentExecution;
import fi.tiekartta.command.web.IfMatch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.UUID;

/** Putting projects on the roadmap and keeping their owner and details up to date. */
@Tag(name = "projects", description = "Putting projects on the roadmap, assigning their owner and revising their details")
@RestController
// produces: an Accept the answer cannot meet is refused (406) before the command runs, not after it is recorded.
@RequestMapping(path = "/api/projects", produces = MediaType.APPLICATION_JSON_VALUE)
public class ProjectController {

    /** Enough for any realistic burst of registrations in one sector without an explicit id. */
    private static final int ID_ALLOCATION_ATTEMPTS = 5;

    private final CommandSender commands;
    private final ProjectIdAllocator ids;
    private final IdempotentExecution idempotent;

    public ProjectController(CommandSender commands, ProjectIdAllocator ids, IdempotentExecution idempotent) {
        this.commands = commands;
        this.ids = ids;
        this.idempotent = idempotent;
    }

    @Operation(summary = "Put a project on the roadmap",
            description = "Without projectId the next free id of the sector is given (TE-13 after TE-12).")
    @ApiResponse(responseCode = "201", description = "Registered; Location names the project",
            content = @Content(schema = @Schema(implementation = ChangeAccepted.class)))
    @ApiResponse(responseCode = "409", description = "A project with this id exists",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used with another request",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @PostMapping
    public ResponseEntity<?> register(@RequestHeader(value = IdempotentExecution.HEADER, required = false) String key,
                                      @RequestBody RegisterProjectRequest body) {
        return idempotent.execute(key, body, () -> registered(body.projectId() != null
                ? register(body, body.projectId())
                : registerWithNextFreeId(body)));
    }

    @Operation(summary = "Assign the project's owner (coordinators)",
            description = "The new owner may report on the project from the change on; the previous owner no longer may. With If-Match, the change is refused (412) unless the project is still at that version.")
    @ApiResponse(responseCode = "201", description = "Recorded",
            content = @Content(schema = @Schema(implementation = ChangeAccepted.class)))
    @PutMapping("/{projectId}/owner")
    public ResponseEntity<?> assignOwner(@PathVariable String projectId,
                                         @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                         @RequestHeader(value = IdempotentExecution.HEADER, required = false) String key,
                                         @RequestBody AssignOwnerRequest body) {
        return idempotent.execute(key, body, () -> recorded(commands.send(new AssignOwnerCommand(
                projectId, IfMatch.parseVersion(ifMatch), UUID.randomUUID().toString(), body.owner(),
                body.effectiveDate(), body.reason()))));
    }

    @Operation(summary = "Revise the project's title, description or planned years (coordinators, its owner)",
            description = "Fields left out stay as they are; an empty description removes it.")
    @ApiResponse(responseCode = "201", description = "Recorded",
            content = @Content(schema = @Schema(implementation = ChangeAccepted.class)))
    @PatchMapping("/{projectId}")
    public ResponseEntity<?> reviseDetails(@PathVariable String projectId,
                                           @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                           @RequestHeader(value = IdempotentExecution.HEADER, required = false) String key,
                                           @RequestBody ReviseDetailsRequest body) {
        return idempotent.execute(key, body, () -> recorded(commands.send(new ReviseDetailsCommand(
                projectId, IfMatch.parseVersion(ifMatch), UUID.randomUUID().toString(), body.title(),
                body.description(), body.plannedStartYear(), body.plannedEndYear(), body.effectiveDate(),
                body.reason()))));
    }

    private ChangeAccepted registerWithNextFreeId(RegisterProjectRequest body) {
        for (int attempt = 1; ; attempt++) {
            String proposed = ids.nextIdFor(body.sector()).orElse(null);
            try {
                return register(body, proposed);
            } catch (AggregateStreamCreationException taken) {
                if (proposed == null || attempt == ID_ALLOCATION_ATTEMPTS) {
                    throw taken;
                }
            }
        }
    }

    private ChangeAccepted register(RegisterProjectRequest body, String projectId) {
        String changeId = UUID.randomUUID().toString();
        commands.send(new RegisterProjectCommand(projectId, changeId, body.sector(), body.title(), body.owner(),
                                                 body.plannedStartYear(), body.plannedEndYear(), body.description(),
                                                 body.effectiveDate()));
        return new ChangeAccepted(projectId, changeId, 0);
    }

    private static ResponseEntity<?> registered(ChangeAccepted accepted) {
        return ResponseEntity.created(URI.create("/api/projects/" + accepted.projectId()))
                             .eTag(Long.toString(accepted.version()))
                             .body(accepted);
    }

    static ResponseEntity<?> recorded(ChangeAccepted accepted) {
        return ResponseEntity.status(201).eTag(Long.toString(accepted.version())).body(accepted);
    }
}
