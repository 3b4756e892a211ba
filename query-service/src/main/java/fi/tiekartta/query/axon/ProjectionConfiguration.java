package fi.tiekartta.query.axon;

import fi.tiekartta.query.projects.ProjectProjection;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

import java.time.Clock;
import java.time.Duration;

/**
 * How the query-service follows the event store. It reads the tables the command-service writes and never
 * appends (it has no aggregates); its own token store sits beside its read models in {@code read_model}.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class ProjectionConfiguration {

    /**
     * How soon a caught-up processor sees a new event. Axon's event store has one reader thread for all processors:
     * it queries the store again at once while queries return events, and after a query that returns none it waits
     * {@code fetchDelay} before the next. So an event committed while the store is quiet waits up to the whole
     * delay, half of it on average, before its batch starts; the projection's lag is that wait plus the batch.
     * Axon's default (1 s) would use up the "visible within a second" budget alone. 50 ms keeps the wait to 25 ms
     * on average, where 100 ms cost 50; on an idle store each poll is a short transaction of two index reads of
     * the event store (its events after the token, and Axon's check for a gap wider than a batch), 20 polls a
     * second: docs/PERFORMANCE.md ("Tuning choices") gives the CPU this costs at 100, 50 and 25 ms.
     */
    @Bean
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                         @Value("${tiekartta.projection.fetch-delay:50ms}") Duration fetchDelay) {
        return EmbeddedEventStore.builder()
                                 .storageEngine(storageEngine)
                                 .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                                 .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                                 .fetchDelay(fetchDelay.toMillis())
                                 .build();
    }

    /**
     * Every processor's event handling runs with the event's correlation id in the logging MDC and feeds the lag
     * histogram ({@link EventHandlingContext}). An event the projection cannot apply fails its batch, which is
     * rolled back and retried (the processor reports an error in the health meanwhile), instead of being logged and
     * skipped: a skipped event would leave a hole in views that must hold every event.
     */
    @Autowired
    public void monitorEventHandling(EventProcessingConfigurer processing, MeterRegistry meters, Clock clock) {
        processing.registerDefaultHandlerInterceptor((configuration, processor) -> new EventHandlingContext(processor, meters, clock));
        processing.registerListenerInvocationErrorHandler(ProjectProjection.PROCESSING_GROUP,
                                                          configuration -> PropagatingErrorHandler.instance());
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                          .setTokenTable("read_model.token_entry")
                          .setProcessorNameColumn("processor_name")
                          .setSegmentColumn("segment")
                          .setTokenColumn("token")
                          .setTokenTypeColumn("token_type")
                          .setTimestampColumn("time_stamp")
                          .setOwnerColum("owner")
                          .build();
    }
}
