package fi.tiekartta.command.round;

import fi.tiekartta.command.dispatch.CommandSender;
import fi.tiekartta.command.idempotency.IdempotentExecution;
import fi.tiekartta.command.round.RoundAnswer.RoundState;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/** Opening and closing reporting rounds (coordinators). Who did it and when the events' metadata records. */
@Tag(name = "reporting rounds", description = "Opening a reporting round, asking owners for their projects' status as of a day, and closing it")
@RestController
// produces: an Accept the answer cannot meet is refused (406) before the command runs, not after it is recorded.
@RequestMapping(path = "/api/reporting-rounds", produces = MediaType.APPLICATION_JSON_VALUE)
public class ReportingRoundController {

    private static final String PATH = "/api/reporting-rounds/";

    private final CommandSender commands;
    private final IdempotentExecution idempotent;

    public ReportingRoundController(CommandSender commands, IdempotentExecution idempotent) {
        this.commands = commands;
        this.idempotent = idempotent;
    }

    @Operation(summary = "Open a reporting round (coordinators)",
            description = "Asks every owner for the status of their projects as of asOf, by dueDate. The service gives the round its id (a UUID); Location names where the query-service shows the round.")
    @ApiResponse(responseCode = "201", description = "Opened; Location names the round",
            content = @Content(schema = @Schema(implementation = RoundAnswer.class)))
    @PostMapping
    public ResponseEntity<?> openRound(
            @Parameter(description = "Any unique string; a repeat with the same key and body gets the first answer, and opens no second round")
            @RequestHeader(value = IdempotentExecution.HEADER, required = false) String key,
            @RequestBody OpenRoundRequest body) {
        return idempotent.execute(key, body, () -> {
            String roundId = RoundRules.newRoundId();
            commands.send(new OpenRoundCommand(roundId, body.title(), body.asOf(), body.dueDate()));
            return ResponseEntity.created(URI.create(PATH + roundId)).body(new RoundAnswer(roundId, RoundState.OPEN));
        });
    }

    @Operation(summary = "Close a reporting round (coordinators)",
            description = "Changes recorded from now on no longer count for the round; a closed round stays closed.")
    @ApiResponse(responseCode = "200", description = "Closed",
            content = @Content(schema = @Schema(implementation = RoundAnswer.class)))
    @ApiResponse(responseCode = "404", description = "No such reporting round",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @ApiResponse(responseCode = "409", description = "The round is already closed",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @PostMapping("/{roundId}/close")
    public ResponseEntity<?> closeRound(
            @PathVariable String roundId,
            @Parameter(description = "Any unique string; a repeat with the same key gets the first answer")
            @RequestHeader(value = IdempotentExecution.HEADER, required = false) String key) {
        return idempotent.execute(key, "", () -> ResponseEntity.ok(closed(roundId)));
    }

    private RoundAnswer closed(String roundId) {
        if (!RoundRules.isWellFormedRoundId(roundId)) {
            throw new UnknownRoundException(roundId);
        }
        try {
            return commands.send(new CloseRoundCommand(roundId));
        } catch (AggregateNotFoundException unknown) {
            throw new UnknownRoundException(roundId);
        }
    }
}
