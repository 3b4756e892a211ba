package fi.tiekartta.query.axon;

import fi.tiekartta.support.eventstore.EventStoreTables;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far behind each streaming processor of this instance is, as metrics.
 * <ul>
 *     <li>{@code tiekartta.projection.lag} (seconds): while a processor is behind the store's head, now minus the
 *     recorded time of the last event it got through (its slowest segment's position); 0 once caught up;</li>
 *     <li>{@code tiekartta.projection.behind} (events): the store's head minus that position, in global indexes
 *     (a rolled-back append leaves a gap that counts as one);</li>
 *     <li>{@code tiekartta.projection.segments}: the segments this instance has claimed.</li>
 * </ul>
 * Only the segments this instance claimed are seen; with none, lag and behind are NaN (unknown here). The store is
 * read at most once a second per processor, whoever asks.
 */
@Component
public class ProcessorMonitoring {

    private static final Duration FRESH = Duration.ofSeconds(1);

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();

    public ProcessorMonitoring(EventProcessingConfiguration processing, JdbcTemplate jdbc, MeterRegistry meters,
                               Clock clock) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.meters = meters;
        this.clock = clock;
    }

    /** How far one processor is, as read at {@code readAt}. */
    record Progress(Instant readAt, int segments, OptionalLong position, long head, Optional<Instant> positionRecordedAt) {

        double lagSeconds(Instant now) {
            if (position.isEmpty()) {
                return Double.NaN;
            }
            if (position.getAsLong() >= head) {
                return 0;
            }
            return positionRecordedAt.map(at -> Math.max(0, Duration.between(at, now).toMillis() / 1000.0)).orElse(Double.NaN);
        }

        double behind() {
            return position.isEmpty() ? Double.NaN : Math.max(0, head - position.getAsLong());
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    public void registerMeters() {
        for (StreamingEventProcessor processor : processors().values()) {
            String name = processor.getName();
            Gauge.builder("tiekartta.projection.lag", () -> progressOf(processor).lagSeconds(clock.instant()))
                 .description("While the processor is behind the event store's head: now minus the recorded time of "
                              + "the last event it got through; 0 when caught up")
                 .baseUnit("seconds").tag("processor", name).register(meters);
            Gauge.builder("tiekartta.projection.behind", () -> progressOf(processor).behind())
                 .description("Events (global indexes) between the event store's head and the processor's position")
                 .baseUnit("events").tag("processor", name).register(meters);
            Gauge.builder("tiekartta.projection.segments", () -> processor.processingStatus().size())
                 .description("Segments of the processor claimed by this instance")
                 .tag("processor", name).register(meters);
        }
    }

    Progress progressOf(StreamingEventProcessor processor) {
        Instant now = clock.instant();
        Progress known = progress.get(processor.getName());
        if (known != null && Duration.between(known.readAt(), now).compareTo(FRESH) < 0) {
            return known;
        }
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        OptionalLong position = segments.isEmpty() ? OptionalLong.empty() : segments.values().stream()
                .mapToLong(s -> s.getCurrentPosition().orElse(-1)).min();
        Long head = jdbc.queryForObject("SELECT coalesce(max(global_index), -1) FROM " + EventStoreTables.DOMAIN_EVENTS, Long.class);
        Optional<Instant> recordedAt = position.isPresent() && position.getAsLong() < head
                ? recordedTimeOf(Math.max(position.getAsLong(), firstIndex())) : Optional.empty();
        Progress read = new Progress(now, segments.size(), position, head == null ? -1 : head, recordedAt);
        progress.put(processor.getName(), read);
        return read;
    }

    private long firstIndex() {
        Long first = jdbc.queryForObject("SELECT coalesce(min(global_index), 0) FROM " + EventStoreTables.DOMAIN_EVENTS, Long.class);
        return first == null ? 0 : first;
    }

    private Optional<Instant> recordedTimeOf(long globalIndex) {
        List<String> stamps = jdbc.queryForList("SELECT time_stamp FROM " + EventStoreTables.DOMAIN_EVENTS
                                                + " WHERE global_index = ?", String.class, globalIndex);
        return stamps.stream().findFirst().map(Instant::parse);
    }

    Map<String, StreamingEventProcessor> processors() {
        Map<String, StreamingEventProcessor> byName = new TreeMap<>();
        processing.eventProcessors().values().stream()
                  .filter(StreamingEventProcessor.class::isInstance)
                  .map(StreamingEventProcessor.class::cast)
                  .forEach(p -> byName.put(p.getName(), p));
        return byName;
    }
}
