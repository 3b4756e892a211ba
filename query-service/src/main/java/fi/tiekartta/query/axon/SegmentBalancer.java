package fi.tiekartta.query.axon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Shares the processors' segments among the live query-service instances. Axon's tracking processor lets the
 * first instance claim every segment it has a thread for, and a second instance would idle until the first
 * died. So every instance says it is alive (a heartbeat row), counts the live ones, and gives up segments beyond
 * its fair share for a while: the other instance's idle threads claim them. When an instance dies its claims
 * time out and the survivors' idle threads take the segments back (docs/RELIABILITY.md).
 *
 * <p>It also makes sure no segment stays unfollowed while this instance runs: a segment that nobody has held (owner
 * empty, or a claim older than Axon's claim timeout) for longer than {@code unclaimed-grace}, while this instance
 * holds fewer than its fair share, makes it restart its processor's claiming ({@link ProcessorLifecycle#restart}),
 * logged and counted in {@code tiekartta.projection.segments.reclaimed}. The grace outlasts a segment this
 * instance gave up for another one ({@code node-liveness} twice) and a claim interval, so that it only acts on a
 * segment no instance is going to take.
 */
@Component
public class SegmentBalancer {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final String nodeId = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private final EventProcessingConfiguration processing;
    private final ProcessorLifecycle lifecycle;
    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;
    /** Axon stamps claims with the system clock, whatever clock the service's answers use. */
    private final Clock clock = Clock.systemUTC();
    private final Duration liveness;
    private final Duration claimTimeout;
    private final Duration unclaimedGrace;
    /** Since when each processor's segment has been seen unclaimed, by processor name and segment. */
    private final Map<String, Map<Integer, Instant>> unclaimedSince = new ConcurrentHashMap<>();

    public SegmentBalancer(EventProcessingConfiguration processing, ProcessorLifecycle lifecycle, JdbcTemplate jdbc,
                           MeterRegistry meters,
                           @Value("${tiekartta.projection.node-liveness:10s}") Duration liveness,
                           @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout,
                           @Value("${tiekartta.projection.unclaimed-grace:30s}") Duration unclaimedGrace) {
        this.processing = processing;
        this.lifecycle = lifecycle;
        this.jdbc = jdbc;
        this.meters = meters;
        this.liveness = liveness;
        this.claimTimeout = claimTimeout;
        this.unclaimedGrace = unclaimedGrace;
    }

    @Scheduled(fixedDelayString = "${tiekartta.projection.balance-interval:2000}")
    public void balance() {
        try {
            int liveNodes = heartbeat();
            processing.eventProcessors().values().stream()
                      .filter(StreamingEventProcessor.class::isInstance)
                      .map(StreamingEventProcessor.class::cast)
                      .forEach(processor -> {
                          giveUpBeyondFairShare(processor, liveNodes);
                          reclaimUnfollowed(processor, liveNodes);
                      });
        } catch (RuntimeException e) {
            // The database may be away for a moment; balancing is best effort and tries again shortly.
            log.debug("Segment balancing skipped: {}", e.getMessage());
        }
    }

    private int heartbeat() {
        jdbc.update("INSERT INTO read_model.processor_node (node_id, seen_at) VALUES (?, now()) "
                    + "ON CONFLICT (node_id) DO UPDATE SET seen_at = now()", nodeId);
        jdbc.update("DELETE FROM read_model.processor_node WHERE seen_at < now() - interval '1 hour'");
        Integer live = jdbc.queryForObject("SELECT count(*) FROM read_model.processor_node WHERE seen_at > now() - ?::interval",
                                           Integer.class, liveness.toSeconds() + " seconds");
        return live == null || live < 1 ? 1 : live;
    }

    private void giveUpBeyondFairShare(StreamingEventProcessor processor, int liveNodes) {
        Integer segments = jdbc.queryForObject("SELECT count(*) FROM read_model.token_entry WHERE processor_name = ?",
                                               Integer.class, processor.getName());
        if (segments == null || segments == 0) {
            return;
        }
        int fairShare = fairShare(segments, liveNodes);
        var claimed = processor.processingStatus().keySet().stream().sorted().toList();
        for (int i = fairShare; i < claimed.size(); i++) {
            int segment = claimed.get(i);
            log.info("Releasing segment {} of {} to another instance ({} live, fair share {})",
                     segment, processor.getName(), liveNodes, fairShare);
            processor.releaseSegment(segment, liveness.toMillis() * 2, TimeUnit.MILLISECONDS);
        }
    }

    private void reclaimUnfollowed(StreamingEventProcessor processor, int liveNodes) {
        String name = processor.getName();
        Map<Integer, Instant> since = unclaimedSince.computeIfAbsent(name, n -> new ConcurrentHashMap<>());
        if (!processor.isRunning()) {
            // Stopped on purpose (a rebuild): its segments are meant to be without owner, and the time they were
            // must not count once it runs again, or its first look after a long first build would find them
            // "unfollowed" while the processor is still claiming them, and restart it for nothing.
            since.clear();
            return;
        }
        Instant now = clock.instant();
        Instant staleBefore = now.minus(claimTimeout);
        // segment -> whether nobody holds it
        Map<Integer, Boolean> segments = new TreeMap<>();
        jdbc.query("SELECT segment, owner, time_stamp FROM read_model.token_entry WHERE processor_name = ?",
                   (ResultSet rs) -> {
                       segments.put(rs.getInt("segment"), rs.getString("owner") == null
                                                          || Instant.parse(rs.getString("time_stamp")).isBefore(staleBefore));
                   }, name);
        Set<Integer> unclaimed = segments.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
                                         .collect(Collectors.toSet());
        since.keySet().retainAll(unclaimed);
        unclaimed.forEach(segment -> since.putIfAbsent(segment, now));
        List<Integer> unfollowed = since.entrySet().stream()
                                        .filter(e -> e.getValue().isBefore(now.minus(unclaimedGrace)))
                                        .map(Map.Entry::getKey).sorted().toList();
        int held = processor.processingStatus().size();
        if (unfollowed.isEmpty() || held >= fairShare(segments.size(), liveNodes)) {
            return;
        }
        log.warn("Segments {} of {} have had no owner for over {} while this instance holds {} of {} ({} live): "
                 + "restarting its claiming", unfollowed, name, unclaimedGrace, held, segments.size(), liveNodes);
        if (lifecycle.restart(processor)) {
            Counter.builder("tiekartta.projection.segments.reclaimed")
                   .description("Restarts of a processor's claiming because a segment had stayed without an owner")
                   .tag("processor", name).register(meters).increment();
            since.clear();
        }
    }

    private static int fairShare(int segments, int liveNodes) {
        return (segments + liveNodes - 1) / liveNodes;
    }
}
