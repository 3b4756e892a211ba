package fi.tiekartta.query.round;

import fi.tiekartta.query.projects.ChangeLog;
import fi.tiekartta.query.projects.ProjectState;
import fi.tiekartta.query.projects.ProjectViewTable;
import fi.tiekartta.query.roadmap.KnownAt;
import fi.tiekartta.query.roadmap.ProjectIdOrder;
import fi.tiekartta.support.time.RoadmapTime;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which projects a round covers and which of them have reported (docs/ROUNDS.md), asked of the bitemporal project
 * views and the change log at the round's own instants rather than kept as a second copy of project state:
 * <ul>
 * <li>covered: on the roadmap on {@code asOf} as known when the round opened, and not in a final status (DONE,
 *     MERGED, NOT_NEEDED) on the day the round opened, as known then;</li>
 * <li>reported: a status change or correction of it recorded while the round was open ([openedAt, closedAt))
 *     with an effective date on or before {@code asOf}.</li>
 * </ul>
 * Both instants are in the past once a round is closed, so a closed round's answer never changes. The round's row
 * is projected in the same processor as the views ({@link RoundProjection}), so the views already hold every
 * event recorded before the round opened or closed.
 */
@Component
public class RoundProgress {

    private final ProjectViewTable views;
    private final ChangeLog changes;
    private final Clock clock;

    public RoundProgress(ProjectViewTable views, ChangeLog changes, Clock clock) {
        this.views = views;
        this.changes = changes;
        this.clock = clock;
    }

    /** The round's projects, by id; one snapshot of the read models. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<RoundProject> projects(ReportingRound round) {
        Instant opened = round.openedAt();
        LocalDate openingDay = LocalDate.ofInstant(opened, RoadmapTime.ZONE);
        Map<String, ProjectState> onOpeningDay = byId(views.visibleAt(openingDay, opened));
        List<String> covered = views.visibleAt(round.asOf(), opened).stream()
                .map(ProjectViewTable.Found::state)
                .filter(s -> !onOpeningDay.getOrDefault(s.projectId(), s).status().isClosed())
                .map(ProjectState::projectId)
                .toList();
        if (covered.isEmpty()) {
            return List.of();
        }
        Map<String, ProjectState> reportedState = byId(views.visibleAt(round.asOf(), knownAt(round)));
        Map<String, ProjectState> asOpened = byId(views.visibleAt(round.asOf(), opened));
        Map<String, Instant> reports = changes.firstStatusReports(covered, opened, round.closedAt(), round.asOf());
        return covered.stream()
                .map(id -> {
                    ProjectState s = reportedState.getOrDefault(id, asOpened.get(id));
                    Instant reportedAt = reports.get(id);
                    return new RoundProject(id, s.sector(), s.owner(), s.title(), s.status(), reportedAt != null, reportedAt);
                })
                .sorted(Comparator.comparing(RoundProject::projectId, ProjectIdOrder.NATURAL))
                .toList();
    }

    /** What the round's report and statuses are as known at: its closing, or (while open) now. */
    public Instant knownAt(ReportingRound round) {
        return round.isOpen() ? KnownAt.normalise(clock.instant()) : round.closedAt();
    }

    private static Map<String, ProjectState> byId(List<ProjectViewTable.Found> found) {
        return found.stream().map(ProjectViewTable.Found::state)
                    .collect(Collectors.toMap(ProjectState::projectId, Function.identity(), (a, b) -> a));
    }
}
