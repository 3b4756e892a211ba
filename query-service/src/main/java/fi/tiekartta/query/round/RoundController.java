package fi.tiekartta.query.round;

import fi.tiekartta.query.round.RoundAnswers.MyReporting;
import fi.tiekartta.query.round.RoundAnswers.ReminderSent;
import fi.tiekartta.query.round.RoundAnswers.RoundDetails;
import fi.tiekartta.query.round.RoundAnswers.RoundList;
import fi.tiekartta.support.security.CurrentActor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;

/** The reporting rounds' progress over HTTP; what it is, and how it is kept, is {@link RoundProgress}'s. */
@Tag(name = "reporting rounds", description = "Who has reported in each reporting round, and what is still missing")
@RestController
public class RoundController {

    private final RoundTable rounds;
    private final RoundProgress progress;
    private final SentReminders reminders;

    public RoundController(RoundTable rounds, RoundProgress progress, SentReminders reminders) {
        this.rounds = rounds;
        this.progress = progress;
        this.reminders = reminders;
    }

    @Operation(summary = "Every reporting round, the most recently opened first, with how many projects have reported",
            description = "COORDINATOR, MANAGEMENT, AUDITOR. Counts as in GET /api/reporting-rounds/{roundId}.")
    @GetMapping("/api/reporting-rounds")
    public RoundList rounds() {
        return new RoundList(rounds.newestFirst().stream().map(progress::summary).toList());
    }

    @Operation(summary = "One reporting round: the projects it covers, which have reported (per sector), the reminders sent",
            description = "COORDINATOR, MANAGEMENT, AUDITOR. Covered: on the roadmap on asOf as known when the round opened and "
                          + "not DONE, MERGED or NOT_NEEDED then; reported: a status change or correction recorded while "
                          + "the round was open, effective on or before asOf (docs/ROUNDS.md).")
    @ApiResponse(responseCode = "200", description = "The round")
    @ApiResponse(responseCode = "404", description = "No such round",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @GetMapping("/api/reporting-rounds/{roundId}")
    public RoundDetails round(@PathVariable String roundId) {
        ReportingRound round = rounds.find(roundId).orElseThrow(() -> new RoundNotFoundException(roundId));
        return progress.details(round, reminders.of(roundId).stream().map(ReminderSent::of).toList());
    }

    @Operation(summary = "The caller's own projects still missing in the open reporting rounds",
            description = "Any signed-in role; the caller is the token's subject, matched to the projects' owner. Lists each "
                          + "open round that covers at least one of the caller's projects, most recently opened first, "
                          + "with those not reported yet (an empty list: all reported).")
    @GetMapping("/api/me/reporting")
    public MyReporting myReporting() {
        String me = CurrentActor.name();
        return new MyReporting(rounds.open().stream()
                                     .map(round -> progress.missingOf(round, me))
                                     .flatMap(Optional::stream)
                                     .toList());
    }
}
