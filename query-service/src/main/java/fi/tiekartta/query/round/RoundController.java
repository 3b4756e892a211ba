package fi.tiekartta.query.round;

import fi.tiekartta.query.roadmap.SectorGroups;
import fi.tiekartta.query.round.RoundAnswers.MissingProject;
import fi.tiekartta.query.round.RoundAnswers.MyReporting;
import fi.tiekartta.query.round.RoundAnswers.MyRound;
import fi.tiekartta.query.round.RoundAnswers.ReminderSent;
import fi.tiekartta.query.round.RoundAnswers.RoundDetails;
import fi.tiekartta.query.round.RoundAnswers.RoundList;
import fi.tiekartta.query.round.RoundAnswers.RoundSummary;
import fi.tiekartta.query.round.RoundAnswers.SectorProgress;
import fi.tiekartta.support.security.CurrentActor;
import fi.tiekartta.vocabulary.Sectors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

@Tag(name = "reporting rounds", description = "Who has reported in each reporting round, and what is still missing")
@RestController
public class RoundController {

    private final RoundTable rounds;
    private final RoundProgress progress;
    private final SentReminders reminders;
    private final Sectors sectors;

    public RoundController(RoundTable rounds, RoundProgress progress, SentReminders reminders, Sectors sectors) {
        this.rounds = rounds;
        this.progress = progress;
        this.reminders = reminders;
        this.sectors = sectors;
    }

    @Operation(summary = "Every reporting round, the most recently opened first, with how many projects have reported",
            description = "COORDINATOR, MANAGEMENT, AUDITOR. Counts as in GET /api/reporting-rounds/{roundId}.")
    @GetMapping("/api/reporting-rounds")
    public RoundList rounds() {
        return new RoundList(rounds.newestFirst().stream().map(round -> {
            List<RoundProject> projects = progress.projects(round);
            int reported = reported(projects);
            return new RoundSummary(round.roundId(), round.title(), round.asOf(), round.dueDate(), state(round),
                                    round.openedAt(), round.openedBy(), round.closedAt(), round.closedBy(),
                                    reported, projects.size() - reported);
        }).toList());
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
        List<RoundProject> projects = progress.projects(round);
        int reported = reported(projects);
        List<SectorProgress> bySector = SectorGroups.group(sectors, projects, RoundProject::sector).entrySet().stream()
                .map(group -> {
                    int sectorReported = reported(group.getValue());
                    return new SectorProgress(group.getKey().code(), group.getKey().label(), sectorReported,
                                              group.getValue().size() - sectorReported);
                })
                .toList();
        List<ReminderSent> sent = reminders.of(roundId).stream()
                .map(r -> new ReminderSent(r.owner(), r.kind(), r.recipient(), r.projectIds(), r.sentAt()))
                .toList();
        return new RoundDetails(round.roundId(), round.title(), round.asOf(), round.dueDate(), state(round),
                                round.openedAt(), round.openedBy(), round.closedAt(), round.closedBy(),
                                reported, projects.size() - reported, bySector, projects, sent);
    }

    @Operation(summary = "The caller's own projects still missing in the open reporting rounds",
            description = "Any signed-in role; the caller is the token's subject, matched to the projects' owner. Lists each "
                          + "open round that covers at least one of the caller's projects, most recently opened first, "
                          + "with those not reported yet (an empty list: all reported).")
    @GetMapping("/api/me/reporting")
    public MyReporting myReporting() {
        String me = CurrentActor.name();
        List<MyRound> mine = new ArrayList<>();
        for (ReportingRound round : rounds.open()) {
            List<RoundProject> own = progress.projects(round).stream().filter(p -> Objects.equals(me, p.owner())).toList();
            if (!own.isEmpty()) {
                mine.add(new MyRound(round.roundId(), round.title(), round.asOf(), round.dueDate(), own.stream()
                        .filter(p -> !p.reported())
                        .map(p -> new MissingProject(p.projectId(), p.title(), p.status()))
                        .toList()));
            }
        }
        return new MyReporting(mine);
    }

    static String state(ReportingRound round) {
        return round.isOpen() ? "OPEN" : "CLOSED";
    }

    private static int reported(List<RoundProject> projects) {
        return (int) projects.stream().filter(RoundProject::reported).count();
    }
}
