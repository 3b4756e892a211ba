package fi.tiekartta.query.axon;

import fi.tiekartta.support.web.CorrelationIds;
import fi.tiekartta.vocabulary.AuditMetadata;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Wraps the handling of every event by a processor: while it is handled, the logging MDC carries the correlation id
 * of the request that recorded it (from the event's metadata), so that projection logs tie back to the command's;
 * and once the processor's batch has committed, each live event's lag (commit time minus recorded time) goes into
 * the histogram {@code tiekartta.projection.event.lag}. Replayed events are left out: their lag is the age of the
 * history, not the speed of the projection.
 */
final class EventHandlingContext implements MessageHandlerInterceptor<EventMessage<?>> {

    private final String resourceKey;
    private final Timer lag;
    private final Clock clock;

    EventHandlingContext(String processor, MeterRegistry meters, Clock clock) {
        this.resourceKey = EventHandlingContext.class.getName() + "/" + processor;
        this.clock = clock;
        this.lag = Timer.builder("tiekartta.projection.event.lag")
                        .description("Time from an event's recording to the commit of the processor batch that applied it "
                                     + "(live events only)")
                        .tag("processor", processor)
                        .publishPercentileHistogram()
                        .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
                                                Duration.ofMillis(75), Duration.ofMillis(100), Duration.ofMillis(150),
                                                Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(500),
                                                Duration.ofSeconds(1))
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofMinutes(10))
                        .register(meters);
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        String outer = MDC.get(CorrelationIds.MDC_KEY);
        Object correlationId = event.getMetaData().get(AuditMetadata.CORRELATION_ID);
        if (correlationId != null) {
            MDC.put(CorrelationIds.MDC_KEY, correlationId.toString());
        }
        try {
            Object result = chain.proceed();
            if (!ReplayToken.isReplay(event)) {
                recordedTimesOf(unitOfWork.root()).add(event.getTimestamp());
            }
            return result;
        } finally {
            if (outer == null) {
                MDC.remove(CorrelationIds.MDC_KEY);
            } else {
                MDC.put(CorrelationIds.MDC_KEY, outer);
            }
        }
    }

    private List<Instant> recordedTimesOf(UnitOfWork<?> batch) {
        return batch.getOrComputeResource(resourceKey, key -> {
            List<Instant> recorded = new ArrayList<>();
            batch.afterCommit(u -> {
                Instant appliedAt = clock.instant();
                recorded.forEach(at -> {
                    Duration late = Duration.between(at, appliedAt);
                    lag.record(late.isNegative() ? Duration.ZERO : late); // clocks a little out of step
                });
            });
            return recorded;
        });
    }
}
