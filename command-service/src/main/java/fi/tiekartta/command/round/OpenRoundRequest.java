package fi.tiekartta.command.round;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.LocalDate;

/**
 * The body of {@code POST /api/reporting-rounds}. The round's id is not the client's to choose: the service gives
 * one, so that two coordinators opening rounds at once cannot collide.
 */
@Schema(requiredProperties = {"title", "asOf", "dueDate"}) // what RoundRules requires
public record OpenRoundRequest(
        @Schema(description = "What the round is for, e.g. \"Tilinpäätös 2024\"; one line, at most 200 characters")
        String title,
        @Schema(description = "The day the owners report the status of, e.g. 2024-12-31")
        LocalDate asOf,
        @Schema(description = "The day by which owners are asked to report; not before asOf")
        LocalDate dueDate) {
}
