package fi.tiekartta.command.round;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What the round commands answer: which round, and the state it is in after the command. What the round covers and
 * who has reported the query-service tells ({@code GET /api/reporting-rounds/{roundId}}).
 */
public record RoundAnswer(
        @Schema(description = "The round's id, a UUID the service gave it") String roundId,
        RoundState state) {

    /** A round is open from its opening until it is closed; a closed round stays closed. */
    public enum RoundState { OPEN, CLOSED }
}
