package fi.tiekartta.command.project;

import fi.tiekartta.command.dispatch.CommandSender;
import fi.tiekartta.command.idempotency.IdempotentExecution;
import fi.tiekartta.command.web.IfMatch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** Reporting status changes, and correcting or retracting them. */
@Tag(name = "status", description = "Reporting status changes of a project or its units, and correcting or retracting them")
@RestController
// produces: an Accept the answer cannot meet is refused (406) before the command runs, not after it is recorded.
@RequestMapping(path = "/api/projects/{projectId}", produces = MediaType.APPLICATION_JSON_VALUE)
public class StatusController {

    private final CommandSender commands;
    private final IdempotentExecution idempotent;

    public StatusController(CommandSender commands, IdempotentExecution idempotent) {
        this.commands = commands;
        this.idempotent = idempotent;
    }

    @Operation(summary = "Report a status change of a project or of one of its units (its owner, coordinators)",
            description = "The status must follow the status rules (docs/STATUS-RULES.md): a postponement names its targetYear, progressPercent belongs to IN_PROGRESS, a closed status reopens only with a reason. effectiveDate, default today, may be backdated; the recording time is always now.")
    @ApiResponse(responseCode = "201", description = "Recorded; the answer carries changeId and the new version",
            content = @Content(schema = @Schema(implementation = ChangeAccepted.class)))
    @ApiResponse(responseCode = "404", description = "No such project",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @ApiResponse(responseCode = "412", description = "If-Match names a version that is no longer current",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used with another request",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @PostMapping("/status-changes")
    public ResponseEntity<?> changeStatus(
            @PathVariable String projectId,
            @Parameter(description = "The project version the change is based on, e.g. \"3\" (the query-service's ETag)")
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Parameter(description = "Any unique string; a repeat with the same key and body gets the first answer")
            @RequestHeader(value = IdempotentExecution.HEADER, required = false) String key,
            @RequestBody ChangeStatusRequest body) {
        return idempotent.execute(key, body, () -> ProjectController.recorded(commands.send(new ChangeProjectStatusCommand(
                projectId, IfMatch.parseVersion(ifMatch), UUID.randomUUID().toString(), body.status(),
                body.effectiveDate(), body.progressPercent(), body.targetYear(), body.scheduledFor(), body.unit(),
                body.note(), body.reason()))));
    }

    @Operation(summary = "Correct or retract an earlier status change (its project's owner, coordinators); the original "
                         + "stays in the history. A field given replaces the original's, null clears it, a field left "
                         + "out keeps its value unless the corrected status leaves it no place",
            description = "Corrections and retractions are changes of their own: the history shows both the original and what corrects it, and reports asked with an earlier knownAt still see the original.")
    @ApiResponse(responseCode = "201", description = "Recorded; changeId is the correction's own id",
            content = @Content(schema = @Schema(implementation = ChangeAccepted.class)))
    @ApiResponse(responseCode = "409", description = "The change was already retracted",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @PostMapping("/corrections")
    public ResponseEntity<?> correct(@PathVariable String projectId,
                                     @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                     @RequestHeader(value = IdempotentExecution.HEADER, required = false) String key,
                                     @RequestBody CorrectionRequest body) {
        return idempotent.execute(key, body, () -> ProjectController.recorded(commands.send(new CorrectStatusChangeCommand(
                projectId, IfMatch.parseVersion(ifMatch), UUID.randomUUID().toString(), body.getChangeId(),
                body.getStatus(), body.getEffectiveDate(), body.getProgressPercent(), body.getTargetYear(),
                body.getScheduledFor(), body.getUnit(), body.getNote(), body.cleared(),
                Boolean.TRUE.equals(body.getRetract()), body.getReason()))));
    }
}
