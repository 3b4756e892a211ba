package fi.tiekartta.support.eventstore;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.time.Duration;

/**
 * Axon's JDBC event storage on PostgreSQL, wired the same way in both services (the query-service reads
 * what the command-service writes, so table layout, payload type and serializer must agree).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    /** PostgreSQL's unique_violation. Axon's default resolver misses it, and a duplicate project id or a
     * concurrent append would then surface as a generic EventStoreException instead of a conflict. */
    private static final String UNIQUE_VIOLATION = "23505";

    @Bean
    public EventSchema eventSchema() {
        return EventStoreTables.eventSchema();
    }

    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver(UNIQUE_VIOLATION);
    }

    /**
     * Declared here rather than auto-configured: only the builder can store payload and metadata as
     * {@code text} (readable JSON) instead of {@code bytea}.
     */
    @Bean
    public EventStorageEngine eventStorageEngine(@Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Serializer snapshotSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 EventSchema eventSchema,
                                                 @Value("${tiekartta.event-store.gap-timeout:60s}") Duration gapTimeout,
                                                 @Value("${tiekartta.event-store.batch-size:100}") int batchSize) {
        return JdbcEventStorageEngine.builder()
                                     .eventSerializer(eventSerializer)
                                     .snapshotSerializer(snapshotSerializer)
                                     .upcasterChain(configuration.upcasterChain())
                                     .snapshotFilter(configuration.snapshotFilter())
                                     .persistenceExceptionResolver(persistenceExceptionResolver)
                                     .connectionProvider(connectionProvider)
                                     .transactionManager(transactionManager)
                                     .schema(eventSchema)
                                     .dataType(String.class)
                                     // Events read per query, by a processor following the store and when an
                                     // aggregate is loaded (docs/PERFORMANCE.md measures the choice).
                                     .batchSize(batchSize)
                                     // How long a reader waits for a missing global index before giving up on it.
                                     // Appends commit in index order (AppendLock), so a gap that old is a rolled
                                     // back insert that will never appear.
                                     .gapTimeout((int) gapTimeout.toMillis())
                                     .appendEvents(new HashChainingAppendEvents())
                                     .build();
    }

    @Bean
    @Primary
    public Serializer serializer() {
        return storedJsonSerializer();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return storedJsonSerializer();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return storedJsonSerializer();
    }

    private static Serializer storedJsonSerializer() {
        return JacksonSerializer.builder().objectMapper(EventJson.newObjectMapper()).build();
    }
}
