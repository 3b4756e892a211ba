package fi.tiekartta.command.axon;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.function.SingletonSupplier;

/** The cache the Project aggregate's repository keeps loaded projects in ({@code @Aggregate(cache = ...)}). */
@Configuration(proxyBeanMethods = false)
public class AggregateCacheConfiguration {

    public static final String PROJECT_CACHE = "projectCache";

    @Bean(PROJECT_CACHE)
    public Cache projectCache(ObjectProvider<EventStore> eventStore, MeterRegistry meters,
                              @Value("${tiekartta.aggregate-cache.size:10000}") int size) {
        // The event store is still looked up lazily, but only once: resolving it from
        // the bean factory on every lookup cost a dependency resolution with annotation scanning per command.
        SingletonSupplier<EventStore> store = SingletonSupplier.of(eventStore::getObject);
        return new VerifiedAggregateCache(size, id -> store.obtain().lastSequenceNumberFor(id), meters);
    }
}
