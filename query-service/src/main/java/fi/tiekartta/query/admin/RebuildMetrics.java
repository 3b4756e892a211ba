package fi.tiekartta.query.admin;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.function.ToDoubleFunction;

/**
 * The progress of a rebuild ({@code GET /api/admin/replay}) as metrics: {@code tiekartta.rebuild.active} (1 while
 * a rebuild runs beside the read model in use), and per processor {@code tiekartta.rebuild.events.done},
 * {@code tiekartta.rebuild.events.to.replay} and {@code tiekartta.rebuild.events.rate} (events per second since the
 * rebuild started; 0 when none runs). Not "...events.total": Prometheus reserves {@code _total} for counters and
 * Micrometer drops it from a gauge's name. Counting events is not free on a large store: read at most every 2 s.
 */
@Component
public class RebuildMetrics {

    private static final long FRESH_NANOS = 2_000_000_000L;

    private final ReadModelRebuild rebuild;
    private final EventProcessingConfiguration processing;
    private final MeterRegistry meters;
    private volatile ReadModelRebuild.Progress last;
    private volatile long lastReadAt;

    public RebuildMetrics(ReadModelRebuild rebuild, EventProcessingConfiguration processing, MeterRegistry meters) {
        this.rebuild = rebuild;
        this.processing = processing;
        this.meters = meters;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void registerMeters() {
        Gauge.builder("tiekartta.rebuild.active", () -> "REBUILDING".equals(progress().state()) ? 1 : 0)
             .description("1 while a rebuild of the read model runs (beside the one in use)").register(meters);
        processing.eventProcessors().values().stream()
                  .filter(StreamingEventProcessor.class::isInstance)
                  .map(p -> p.getName())
                  .forEach(name -> {
                      perProcessor("tiekartta.rebuild.events.done", "Events the processor has replayed in the current or last rebuild",
                                   name, p -> p.eventsDone());
                      perProcessor("tiekartta.rebuild.events.to.replay", "Events to replay in the current or last rebuild",
                                   name, p -> p.eventsTotal());
                      perProcessor("tiekartta.rebuild.events.rate", "Events per second since the rebuild started",
                                   name, p -> p.eventsPerSecond());
                  });
    }

    private void perProcessor(String meter, String description, String processor,
                              ToDoubleFunction<ReadModelRebuild.ProcessorProgress> value) {
        Gauge.builder(meter, () -> progress().processors().stream()
                                             .filter(p -> p.processor().equals(processor))
                                             .mapToDouble(value).findFirst().orElse(Double.NaN))
             .description(description).tag("processor", processor).register(meters);
    }

    private ReadModelRebuild.Progress progress() {
        long now = System.nanoTime();
        ReadModelRebuild.Progress known = last;
        if (known == null || now - lastReadAt > FRESH_NANOS) {
            known = rebuild.progress();
            last = known;
            lastReadAt = now;
        }
        return known;
    }
}
