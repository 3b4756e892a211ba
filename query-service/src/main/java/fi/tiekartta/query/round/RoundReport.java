package fi.tiekartta.query.round;

import fi.tiekartta.query.roadmap.Roadmap;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A round's report as JSON: the roadmap on the round's {@code asOf} as known at {@code knownAt}, the round's closing
 * (final once closed; while the round is open, {@code provisional} and as known at the moment of asking).
 */
public record RoundReport(String roundId, String title, LocalDate asOf, LocalDate dueDate,
                          @Schema(allowableValues = {"OPEN", "CLOSED"}) String state,
                          @Schema(description = "true while the round is open: the report is as known now and will change")
                          boolean provisional,
                          Instant knownAt, Roadmap roadmap) {

    static RoundReport of(ReportingRound round, Roadmap roadmap) {
        return new RoundReport(round.roundId(), round.title(), round.asOf(), round.dueDate(), round.state(),
                               round.isOpen(), roadmap.knownAt(), roadmap);
    }
}
