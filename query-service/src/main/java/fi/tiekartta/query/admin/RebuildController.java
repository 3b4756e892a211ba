package fi.tiekartta.query.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "admin", description = "Rebuilding the read models from the event store (ADMIN)")
@RestController
@RequestMapping("/api/admin/replay")
public class RebuildController {

    private final ReadModelRebuild rebuild;

    public RebuildController(ReadModelRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @Operation(summary = "Rebuild every read model from the event store (ADMIN)",
            description = "Builds a new read model beside the one in use and switches over when it is complete; "
                          + "meanwhile read endpoints answer from the read model in use, with the header Tiekartta-Rebuild: running.")
    @ApiResponse(responseCode = "202", description = "Started; follow it with GET")
    @ApiResponse(responseCode = "409", description = "A rebuild is already running (on any instance)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @ApiResponse(responseCode = "503", description = "This instance is shutting down, or the database is unavailable; "
                                                     + "try again after Retry-After",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @PostMapping
    public ResponseEntity<ReadModelRebuild.Progress> start() {
        return ResponseEntity.accepted().body(rebuild.start());
    }

    @Operation(summary = "Progress of the current or last rebuild (ADMIN)",
            description = "IDLE or REBUILDING, with each event processor's progress through the event store.")
    @GetMapping
    public ReadModelRebuild.Progress progress() {
        return rebuild.progress();
    }
}
