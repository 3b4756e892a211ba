package fi.tiekartta.query.axon;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.stereotype.Component;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Health component {@code eventProcessors}, one entry per streaming processor: DOWN while the processor or one of
 * the segments this instance claimed is in error (Axon retries with back-off meanwhile: the views are not being
 * updated), UP otherwise, also while replaying or with no segment claimed here (another instance has them). The
 * details list each segment's position, whether it caught up, replays or failed.
 */
@Component
public class EventProcessorsHealthContributor implements CompositeHealthContributor {

    private final ProcessorMonitoring monitoring;

    public EventProcessorsHealthContributor(ProcessorMonitoring monitoring) {
        this.monitoring = monitoring;
    }

    @Override
    public HealthContributor getContributor(String name) {
        StreamingEventProcessor processor = monitoring.processors().get(name);
        return processor == null ? null : health(processor);
    }

    @Override
    public Iterator<NamedContributor<HealthContributor>> iterator() {
        return monitoring.processors().values().stream()
                           .map(p -> NamedContributor.<HealthContributor>of(p.getName(), health(p)))
                           .iterator();
    }

    private HealthIndicator health(StreamingEventProcessor processor) {
        return () -> {
            Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
            Map<String, Object> details = new LinkedHashMap<>();
            Throwable error = null;
            for (Map.Entry<Integer, EventTrackerStatus> segment : new TreeMap<>(segments).entrySet()) {
                EventTrackerStatus status = segment.getValue();
                Map<String, Object> state = new LinkedHashMap<>();
                state.put("position", status.getCurrentPosition().isPresent() ? status.getCurrentPosition().getAsLong() : null);
                state.put("caughtUp", status.isCaughtUp());
                state.put("replaying", status.isReplaying());
                state.put("error", status.isErrorState());
                details.put("segment " + segment.getKey(), state);
                if (status.isErrorState() && error == null) {
                    error = status.getError();
                }
            }
            boolean failing = processor.isError() || error != null;
            Health.Builder health = failing ? Health.down() : Health.up();
            health.withDetail("running", processor.isRunning()).withDetails(details);
            if (error != null) {
                health.withDetail("error", error.getClass().getSimpleName() + ": " + error.getMessage());
            }
            return health.build();
        };
    }
}
