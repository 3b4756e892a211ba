package fi.tiekartta.query.round;

import fi.tiekartta.query.projects.ChangeLog;
import fi.tiekartta.query.projects.ProjectState;
import fi.tiekartta.query.projects.ProjectViewTable;
import fi.tiekartta.query.projects.ReadModelVersion;
import fi.tiekartta.query.report.ReportTimelines;
import fi.tiekartta.query.roadmap.KnownAt;
import fi.tiekartta.query.roadmap.ProjectIdOrder;
import fi.tiekartta.query.roadmap.SectorGroups;
import fi.tiekartta.query.round.RoundAnswers.MissingProject;
import fi.tiekartta.query.round.RoundAnswers.MyRound;
import fi.tiekartta.query.round.RoundAnswers.ReminderSent;
import fi.tiekartta.query.round.RoundAnswers.RoundDetails;
import fi.tiekartta.query.round.RoundAnswers.RoundSummary;
import fi.tiekartta.query.round.RoundAnswers.SectorProgress;
import fi.tiekartta.query.round.RoundCoverage.Coverage;
import fi.tiekartta.vocabulary.Sectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a round's progress is (docs/ROUNDS.md): which projects it covers ({@link RoundCoverage}), which of them have
 * reported — a status change or correction recorded while the round was open ([openedAt, closedAt)) with an
 * effective date on or before {@code asOf}, not retracted before the round closed — and what the reporting-round
 * endpoints and the reminders show of that: the counts in all and per sector, each owner's projects still missing.
 * Asked of the bitemporal project views and the change log at the round's own instants rather than kept as a second
 * copy of project state.
 *
 * <p>The round's row is projected in the same processor as the views ({@link RoundProjection}), so the views hold
 * every event recorded before the round opened or closed, but for one still in flight. A closed round's answer is
 * therefore final once nothing recorded up to its closing is missing, and is kept from then on; an open round's is
 * kept while the projection stands still ({@link ReadModelVersion}), as the roadmap's answers are.
 */
@Component
public class RoundProgress {

    /** Rough heap of one project of an answer, beside its texts. */
    private static final int BYTES_PER_PROJECT = 250;
    /** Rough heap of a round's counts, with their key. */
    private static final int BYTES_OF_COUNTS = 200;

    /** How many of a round's (or a sector's) projects have reported, and how many not yet. */
    public record Counts(int reported, int missing) {

        static Counts of(List<RoundProject> projects) {
            int reported = (int) projects.stream().filter(RoundProject::reported).count();
            return new Counts(reported, projects.size() - reported);
        }
    }

    private final RoundCoverage coverage;
    private final ProjectViewTable views;
    private final ChangeLog changes;
    private final Sectors sectors;
    private final Clock clock;
    private final KeptRoundAnswers<List<RoundProject>> keptProjects;
    private final KeptRoundAnswers<Counts> keptCounts;

    public RoundProgress(RoundCoverage coverage, ProjectViewTable views, ChangeLog changes, ReportTimelines timelines,
                         ReadModelVersion versions, Sectors sectors, Clock clock,
                         @Value("${tiekartta.rounds.cache-bytes:16MB}") DataSize cacheBytes) {
        this.coverage = coverage;
        this.views = views;
        this.changes = changes;
        this.sectors = sectors;
        this.clock = clock;
        this.keptProjects = new KeptRoundAnswers<>(versions, timelines, cacheBytes.toBytes(), (key, projects) -> weight(projects));
        this.keptCounts = new KeptRoundAnswers<>(versions, timelines, cacheBytes.toBytes() / 16, (key, counts) -> BYTES_OF_COUNTS);
    }

    /** What the round's statuses and report are as known at: its closing, or (while open) now. */
    public Instant knownAt(ReportingRound round) {
        return round.isOpen() ? KnownAt.normalise(clock.instant()) : round.closedAt();
    }

    /** The round's projects, by id; one snapshot of the read models. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<RoundProject> projects(ReportingRound round) {
        return keptProjects.get(round, knownAt(round), () -> read(round));
    }

    /**
     * The round's counts without its projects' current views: the covered projects ({@link RoundCoverage}, kept) and
     * one query of the change log for which have reported, so listing the rounds asks nothing of the whole roadmap.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Counts counts(ReportingRound round) {
        List<RoundProject> projects = keptProjects.finalAnswer(round);
        if (projects != null) {
            return Counts.of(projects);
        }
        return keptCounts.get(round, knownAt(round), () -> {
            Coverage covered = coverage.of(round);
            int reported = firstReports(round, covered).size();
            return new Counts(reported, covered.ids().size() - reported);
        });
    }

    /** {@code GET /api/reporting-rounds}' line of the round. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public RoundSummary summary(ReportingRound round) {
        Counts counts = counts(round);
        return new RoundSummary(round.roundId(), round.title(), round.asOf(), round.dueDate(), round.state(),
                                round.openedAt(), round.openedBy(), round.closedAt(), round.closedBy(),
                                counts.reported(), counts.missing());
    }

    /** {@code GET /api/reporting-rounds/{roundId}}: the round, its counts in all and per sector, its projects. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public RoundDetails details(ReportingRound round, List<ReminderSent> reminders) {
        List<RoundProject> projects = projects(round);
        Counts counts = Counts.of(projects);
        List<SectorProgress> bySector = SectorGroups.group(sectors, projects, RoundProject::sector).entrySet().stream()
                .map(group -> {
                    Counts sector = Counts.of(group.getValue());
                    return new SectorProgress(group.getKey().code(), group.getKey().label(), sector.reported(), sector.missing());
                })
                .toList();
        return new RoundDetails(round.roundId(), round.title(), round.asOf(), round.dueDate(), round.state(),
                                round.openedAt(), round.openedBy(), round.closedAt(), round.closedBy(),
                                counts.reported(), counts.missing(), bySector, projects, reminders);
    }

    /**
     * {@code owner}'s projects the round covers that have not reported yet; empty when the round covers none of the
     * owner's projects (an empty list of missing ones: all reported).
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<MyRound> missingOf(ReportingRound round, String owner) {
        List<RoundProject> own = projects(round).stream().filter(p -> Objects.equals(owner, p.owner())).toList();
        if (own.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MyRound(round.roundId(), round.title(), round.asOf(), round.dueDate(), own.stream()
                .filter(p -> !p.reported())
                .map(p -> new MissingProject(p.projectId(), p.title(), p.status()))
                .toList()));
    }

    private List<RoundProject> read(ReportingRound round) {
        Coverage covered = coverage.of(round);
        if (covered.ids().isEmpty()) {
            return List.of();
        }
        Map<String, ProjectState> known = views.visibleAt(round.asOf(), knownAt(round)).stream()
                .map(ProjectViewTable.Found::state)
                .collect(Collectors.toMap(ProjectState::projectId, Function.identity(), (a, b) -> a));
        Map<String, Instant> reports = firstReports(round, covered);
        return covered.projects().values().stream()
                .map(opened -> {
                    Instant reportedAt = reports.get(opened.projectId());
                    ProjectState s = known.get(opened.projectId());
                    // No longer on the roadmap on asOf as known now: shown as the round found it.
                    return s == null
                            ? new RoundProject(opened.projectId(), opened.sector(), opened.owner(), opened.title(),
                                               opened.status(), reportedAt != null, reportedAt)
                            : new RoundProject(opened.projectId(), s.sector(), s.owner(), s.title(), s.status(),
                                               reportedAt != null, reportedAt);
                })
                .sorted(Comparator.comparing(RoundProject::projectId, ProjectIdOrder.NATURAL))
                .toList();
    }

    /** The covered projects that have reported, each with when it first did. */
    private Map<String, Instant> firstReports(ReportingRound round, Coverage covered) {
        if (covered.ids().isEmpty()) {
            return Map.of();
        }
        return changes.firstStatusReports(covered.ids(), round.openedAt(), round.closedAt(), round.asOf());
    }

    private static int weight(List<RoundProject> projects) {
        long bytes = 256;
        for (RoundProject project : projects) {
            bytes += BYTES_PER_PROJECT + 2L * (project.projectId().length() + project.title().length()
                                               + (project.owner() == null ? 0 : project.owner().length()));
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }
}
