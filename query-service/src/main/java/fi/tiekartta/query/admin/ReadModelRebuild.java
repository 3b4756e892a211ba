package fi.tiekartta.query.admin;

import fi.tiekartta.support.eventstore.EventStoreTables;
import io.swagger.v3.oas.annotations.media.Schema;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Rebuilds every read model from the event store: each streaming processor is stopped, its tokens reset (its
 * {@code @ResetHandler}s clear what it owns, in the same transaction) and started again from the first event.
 * While any processor replays, the read endpoints answer 503 ({@link RebuildGate}): half-built views would
 * look like history that never was.
 */
@Component
public class ReadModelRebuild {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private volatile Run lastRun;
    /** Set from the moment tables are cleared until every processor has replayed: between the reset and a
     * processor's first claim, its status is empty and would look idle. */
    private volatile boolean rebuilding;
    private volatile long head = -1;
    private volatile long headReadAt = Long.MIN_VALUE / 2;
    private final EventCount eventsDone;
    private final EventCount eventsStored;

    public ReadModelRebuild(EventProcessingConfiguration processing, JdbcTemplate jdbc, Clock clock) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.clock = clock;
        this.eventsDone = new EventCount(jdbc);
        this.eventsStored = new EventCount(jdbc);
    }

    /** One rebuild: when it started, how many events the store held then, and the last one's global index. */
    record Run(Instant startedAt, long eventsAtStart, long headAtStart) {
    }

    /** Progress of one processor: events applied of how many, and the rate since the rebuild started. */
    public record ProcessorProgress(String processor, boolean replaying, long eventsDone, long eventsTotal,
                                    double eventsPerSecond) {
    }

    /** What {@code GET /api/admin/replay} answers. */
    public record Progress(@Schema(allowableValues = {"IDLE", "REBUILDING"}) String state, @Nullable Instant startedAt, List<ProcessorProgress> processors) {
    }

    public synchronized Progress start() {
        if (isRebuilding()) {
            throw new RebuildRunningException();
        }
        long head = headIndex();
        lastRun = new Run(clock.instant(), eventsStored.upTo(head), head);
        rebuilding = true;
        for (StreamingEventProcessor processor : processors()) {
            log.info("Rebuilding the read models of processor {} from the event store", processor.getName());
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }
        return progress();
    }

    public boolean isRebuilding() {
        Run run = lastRun;
        if (rebuilding && processors().stream().allMatch(p -> hasReplayed(p, run))) {
            rebuilding = false;
        }
        return rebuilding || resumedReplayIsBehind();
    }

    /**
     * A replay this instance did not start: one that another instance began, or that was under way when this
     * process was killed and now resumes from its token. It counts as a rebuild while it is behind the head.
     */
    private boolean resumedReplayIsBehind() {
        return processors().stream().anyMatch(p -> p.processingStatus().values().stream().anyMatch(
                status -> status.isReplaying() && status.getCurrentPosition().orElse(-1) < cachedHead()));
    }

    /** The store's last global index, read at most once a second: the gate asks on every read request. */
    private long cachedHead() {
        long now = System.nanoTime();
        if (now - headReadAt > 1_000_000_000L) {
            head = headIndex();
            headReadAt = now;
        }
        return head;
    }

    /**
     * Done once every segment has passed the last event that existed when the rebuild started. Axon's own
     * "replaying" flag is no use here: it stays set until an event newer than the reset point arrives, which on
     * a quiet store may be never.
     */
    private static boolean hasReplayed(StreamingEventProcessor processor, Run run) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        return !segments.isEmpty() && segments.values().stream().allMatch(
                status -> !status.isReplaying() || status.getCurrentPosition().orElse(-1) >= run.headAtStart());
    }

    public Progress progress() {
        Run run = lastRun;
        List<ProcessorProgress> progress = processors().stream().map(p -> progressOf(p, run)).toList();
        String state = isRebuilding() ? "REBUILDING" : "IDLE";
        return new Progress(state, run == null ? null : run.startedAt(), progress);
    }

    private ProcessorProgress progressOf(StreamingEventProcessor processor, Run run) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        boolean replaying = run != null && rebuilding && !hasReplayed(processor, run);
        // The slowest segment bounds what is done; its position is a global index of the event store.
        OptionalLong position = segments.values().stream()
                                        .map(EventTrackerStatus::getCurrentPosition)
                                        .filter(OptionalLong::isPresent)
                                        .mapToLong(OptionalLong::getAsLong)
                                        .min();
        long done = position.isPresent() ? eventsDone.upTo(position.getAsLong()) : 0;
        long total = run == null ? eventsStored.upTo(cachedHead()) : Math.max(run.eventsAtStart(), done);
        double seconds = run == null ? 0 : Duration.between(run.startedAt(), clock.instant()).toMillis() / 1000.0;
        double rate = replaying && seconds > 0 ? done / seconds : 0;
        return new ProcessorProgress(processor.getName(), replaying, done, total, Math.round(rate * 10) / 10.0);
    }

    private List<StreamingEventProcessor> processors() {
        return processing.eventProcessors().values().stream()
                         .filter(StreamingEventProcessor.class::isInstance)
                         .map(StreamingEventProcessor.class::cast)
                         .toList();
    }

    private long headIndex() {
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM " + EventStoreTables.DOMAIN_EVENTS, Long.class);
        return head == null ? -1 : head;
    }
}
