package fi.tiekartta.query.axon;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Shares the processors' segments among the live query-service instances. Axon's tracking processor lets the
 * first instance claim every segment it has a thread for, and a second instance would idle until the first
 * died. So every instance says it is alive (a heartbeat row), counts the live ones, and gives up segments beyond
 * its fair share for a while: the other instance's idle threads claim them. When an instance dies its claims
 * time out and the survivors' idle threads take the segments back (docs/RELIABILITY.md).
 */
@Component
public class SegmentBalancer {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final String nodeId = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final Duration liveness;

    public SegmentBalancer(EventProcessingConfiguration processing, JdbcTemplate jdbc,
                           @Value("${tiekartta.projection.node-liveness:10s}") Duration liveness) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.liveness = liveness;
    }

    @Scheduled(fixedDelayString = "${tiekartta.projection.balance-interval:2000}")
    public void balance() {
        try {
            int liveNodes = heartbeat();
            processing.eventProcessors().values().stream()
                      .filter(StreamingEventProcessor.class::isInstance)
                      .map(StreamingEventProcessor.class::cast)
                      .forEach(processor -> giveUpBeyondFairShare(processor, liveNodes));
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
        int fairShare = (segments + liveNodes - 1) / liveNodes;
        var claimed = processor.processingStatus().keySet().stream().sorted().toList();
        for (int i = fairShare; i < claimed.size(); i++) {
            int segment = claimed.get(i);
            log.info("Releasing segment {} of {} to another instance ({} live, fair share {})",
                     segment, processor.getName(), liveNodes, fairShare);
            processor.releaseSegment(segment, liveness.toMillis() * 2, TimeUnit.MILLISECONDS);
        }
    }
}
