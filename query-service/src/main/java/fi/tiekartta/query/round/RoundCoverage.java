package fi.tiekartta.query.round;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fi.tiekartta.query.projects.ProjectState;
import fi.tiekartta.query.projects.ProjectViewTable;
import fi.tiekartta.query.report.ReportTimelines;
import fi.tiekartta.vocabulary.ProjectStatus;
import fi.tiekartta.support.time.RoadmapTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which projects a round covers (docs/ROUNDS.md): on the roadmap on {@code asOf} as known when the round opened, and
 * not in a final status (DONE, MERGED, NOT_NEEDED) on the day it opened, as known then. Each with its view on
 * {@code asOf} as known at the opening, which the round shows for a project no longer on the roadmap on that day.
 *
 * <p>Everything here is asked as known at the opening, an instant in the past, so the answer is final once every
 * event recorded up to then is in the views: from then on it is kept (two whole-roadmap queries saved for every
 * later question about the round), before then (an event recorded earlier still in flight) it is asked each time.
 */
@Component
class RoundCoverage {

    /** Rough heap of one covered project, beside its texts. */
    private static final int BYTES_PER_PROJECT = 200;

    /** A covered project as known when the round opened. */
    record Covered(String projectId, String sector, @Nullable String owner, String title, ProjectStatus status) {
    }

    /** The covered projects by id, in no particular order. */
    record Coverage(Map<String, Covered> projects) {

        Set<String> ids() {
            return projects.keySet();
        }
    }

    /** A round is its id and opening: an id seen again after a rebuild with another opening is another round. */
    private record Key(String roundId, Instant openedAt) {
    }

    private final ProjectViewTable views;
    private final ReportTimelines timelines;
    private final Cache<Key, Coverage> kept;

    RoundCoverage(ProjectViewTable views, ReportTimelines timelines,
                  @Value("${tiekartta.rounds.cache-bytes:16MB}") DataSize cacheBytes) {
        this.views = views;
        this.timelines = timelines;
        this.kept = Caffeine.newBuilder()
                            .maximumWeight(cacheBytes.toBytes())
                            .weigher((Key key, Coverage coverage) -> weight(coverage))
                            .build();
    }

    /** The round's covered projects; read in one snapshot (the caller's, if it has one). */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    Coverage of(ReportingRound round) {
        Key key = new Key(round.roundId(), round.openedAt());
        Coverage coverage = kept.getIfPresent(key);
        if (coverage != null) {
            return coverage;
        }
        // Asked first, in the same snapshot: if nothing recorded up to the opening is missing now, the answer read
        // next is the final one.
        boolean isFinal = timelines.eventsNotYetProjected(round.openedAt()) == 0;
        coverage = read(round);
        if (isFinal) {
            kept.put(key, coverage);
        }
        return coverage;
    }

    private Coverage read(ReportingRound round) {
        Instant opened = round.openedAt();
        LocalDate openingDay = LocalDate.ofInstant(opened, RoadmapTime.ZONE);
        Map<String, ProjectState> onOpeningDay = views.visibleAt(openingDay, opened).stream()
                .map(ProjectViewTable.Found::state)
                .collect(Collectors.toMap(ProjectState::projectId, Function.identity(), (a, b) -> a));
        Map<String, Covered> covered = views.visibleAt(round.asOf(), opened).stream()
                .map(ProjectViewTable.Found::state)
                .filter(s -> !onOpeningDay.getOrDefault(s.projectId(), s).status().isClosed())
                .map(s -> new Covered(s.projectId(), s.sector(), s.owner(), s.title(), s.status()))
                .collect(Collectors.toUnmodifiableMap(Covered::projectId, Function.identity(), (a, b) -> a));
        return new Coverage(covered);
    }

    private static int weight(Coverage coverage) {
        long bytes = 256;
        for (Covered project : coverage.projects().values()) {
            bytes += BYTES_PER_PROJECT + 2L * (project.projectId().length() + project.title().length()
                                               + (project.owner() == null ? 0 : project.owner().length()));
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }
}
