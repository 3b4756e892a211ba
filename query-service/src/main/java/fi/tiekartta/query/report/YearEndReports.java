package fi.tiekartta.query.report;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fi.tiekartta.query.audit.EventLogDigest;
import fi.tiekartta.query.projects.ReadModelVersion;
import fi.tiekartta.query.roadmap.ProjectIdOrder;
import fi.tiekartta.query.roadmap.SectorGroups;
import fi.tiekartta.vocabulary.Sectors;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Computes year-end reports. A report is made in one read-only REPEATABLE READ transaction, so that the
 * timelines, the check that the read models hold every event up to {@code knownAt}, and the event-log digest
 * all see the same snapshot: the digest names exactly the events the report was computed from.
 */
@Service
public class YearEndReports {

    private static final Duration POLL = Duration.ofMillis(50);

    private final ReportTimelines timelines;
    private final EventLogDigest digest;
    private final Sectors sectors;
    private final TransactionTemplate snapshot;
    private final Clock clock;
    private final Duration catchUpPatience;
    private final Timer catchUpCheck;
    private final Timer timelineRead;
    private final Timer digestRead;
    /** Null: nothing kept (the constructor without a database, for tests of the waiting). */
    private final ReadModelVersion versions;
    /**
     * The years' projects kept while they cannot change (same year and {@link ReadModelVersion}), bounded by an
     * estimate of their heap (a few hundred bytes a project). The digest is still read for every report.
     */
    private final Cache<YearKey, List<ProjectYear>> years = Caffeine.newBuilder()
            .maximumWeight(16L * 1024 * 1024)
            .weigher((YearKey key, List<ProjectYear> projects) -> 1024 + 400 * projects.size())
            .build();

    private record YearKey(int year, ReadModelVersion.Version version) {
    }

    public YearEndReports(ReportTimelines timelines, EventLogDigest digest, Sectors sectors,
                          PlatformTransactionManager transactions, Clock clock, Duration catchUpPatience) {
        this(timelines, digest, sectors, transactions, clock, catchUpPatience, new SimpleMeterRegistry(), null);
    }

    @Autowired
    public YearEndReports(ReportTimelines timelines, EventLogDigest digest, Sectors sectors,
                          PlatformTransactionManager transactions, Clock clock,
                          @Value("${tiekartta.reports.catch-up-wait:3s}") Duration catchUpPatience, MeterRegistry meters,
                          ReadModelVersion versions) {
        this.catchUpCheck = phase(meters, "catch-up");
        this.timelineRead = phase(meters, "timelines");
        this.digestRead = phase(meters, "digest");
        this.versions = versions;
        this.timelines = timelines;
        this.digest = digest;
        this.sectors = sectors;
        this.clock = clock;
        this.catchUpPatience = catchUpPatience;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /**
     * The report of {@code year} as known at {@code knownAt} (already normalised to milliseconds). Waits a
     * moment for the projection to apply events recorded just before {@code knownAt}; when it does not catch
     * up in time (a rebuild, a stalled processor), refuses rather than answer with a gap.
     *
     * @throws ReadModelBehindException when the read models still lack events recorded up to {@code knownAt}
     */
    public YearEnd report(int year, Instant knownAt) {
        Instant giveUpAt = clock.instant().plus(catchUpPatience);
        while (true) {
            Optional<YearEnd> report = snapshot.execute(tx -> catchUpCheck.record(() -> timelines.eventsNotYetProjected(knownAt)) > 0
                    ? Optional.empty() : Optional.of(compute(year, knownAt)));
            if (report != null && report.isPresent()) {
                return report.get();
            }
            if (clock.instant().isAfter(giveUpAt)) {
                throw new ReadModelBehindException(knownAt);
            }
            pause();
        }
    }

    private YearEnd compute(int year, Instant knownAt) {
        LocalDate lastDay = LocalDate.of(year, 12, 31);
        List<ProjectYear> projects = versions == null ? projectsOf(year, knownAt)
                : years.get(new YearKey(year, versions.asKnownAt(knownAt)), key -> projectsOf(year, knownAt));
        List<YearEnd.SectorYear> bySector = SectorGroups.group(sectors, projects, ProjectYear::sector).entrySet().stream()
                .map(group -> new YearEnd.SectorYear(group.getKey(), List.copyOf(group.getValue())))
                .toList();
        return new YearEnd(year, lastDay, knownAt, digestRead.record(() -> digest.digestAt(knownAt)), bySector);
    }

    private List<ProjectYear> projectsOf(int year, Instant knownAt) {
        return timelineRead.record(() -> {
            return ProjectIdOrder.sorted(timelines.timelinesOfYear(year, knownAt), ReportTimelines.YearTimeline::projectId)
                                 .stream()
                                 .map(timeline -> YearEndFold.ofYear(year, timeline.segments(), timeline.begunSoFar()))
                                 .toList();
        });
    }

    private static Timer phase(MeterRegistry meters, String phase) {
        return Timer.builder("tiekartta.report.year-end.phase")
                    .description("Time spent in each phase of computing a year-end report")
                    .tag("phase", phase)
                    .register(meters);
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the read models", e);
        }
    }
}
