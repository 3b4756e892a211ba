package fi.tiekartta.command.axon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The aggregate cache: the last {@code capacity} aggregates used, least recently used out (not a weak-reference
 * cache, whose entries the garbage collector takes whenever it likes, so that histories are replayed again and
 * again). Several command-service instances append to one store, so an entry may be stale; every hit is checked
 * against the store's last sequence number of the aggregate (one index lookup, instead of reading and replaying
 * its whole history) and a stale entry is dropped, so the aggregate is loaded from the store as if there were no
 * cache. What remains is the race a store without cache has too: two instances appending the same sequence number
 * at once, which the unique (aggregate, sequence) key decides (409).
 *
 * <p>Axon removes an entry whenever a unit of work that loaded or saved it rolls back.
 */
public class VerifiedAggregateCache implements Cache {

    private record Entry(Object value, long version) {
    }

    private final Map<Object, Entry> entries;
    private final Function<String, Optional<Long>> storedVersion;
    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();
    private final Counter hits;
    private final Counter misses;
    private final Counter stale;

    /**
     * @param storedVersion the sequence number of an aggregate's last event in the store (Axon's
     *                      {@code EventStore#lastSequenceNumberFor}), read in the caller's transaction
     */
    public VerifiedAggregateCache(int capacity, Function<String, Optional<Long>> storedVersion, MeterRegistry meters) {
        this.entries = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Entry> eldest) {
                return size() > capacity;
            }
        };
        this.storedVersion = storedVersion;
        this.hits = lookups(meters, "hit");
        this.misses = lookups(meters, "miss");
        this.stale = lookups(meters, "stale");
        Gauge.builder("tiekartta.aggregate.cache.size", this, c -> c.size())
             .description("Aggregates held in the command-service's cache").register(meters);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Entry entry;
        synchronized (entries) {
            entry = entries.get(key);
        }
        if (entry == null) {
            misses.increment();
            return null;
        }
        if (!storedVersion.apply(key.toString()).map(v -> v == entry.version()).orElse(false)) {
            stale.increment();
            synchronized (entries) {
                entries.remove(key, entry);
            }
            return null;
        }
        hits.increment();
        listeners.forEach(l -> l.onEntryRead(key, entry.value()));
        return (V) entry.value();
    }

    @Override
    public void put(Object key, Object value) {
        Long version = versionOf(value);
        if (version == null) {
            remove(key);
            return;
        }
        Entry previous;
        synchronized (entries) {
            previous = entries.put(key, new Entry(value, version));
        }
        listeners.forEach(l -> {
            if (previous == null) {
                l.onEntryCreated(key, value);
            } else {
                l.onEntryUpdated(key, value);
            }
        });
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        Long version = versionOf(value);
        if (version == null) {
            return false;
        }
        boolean added;
        synchronized (entries) {
            added = entries.putIfAbsent(key, new Entry(value, version)) == null;
        }
        if (added) {
            listeners.forEach(l -> l.onEntryCreated(key, value));
        }
        return added;
    }

    @Override
    public boolean remove(Object key) {
        boolean removed;
        synchronized (entries) {
            removed = entries.remove(key) != null;
        }
        if (removed) {
            listeners.forEach(l -> l.onEntryRemoved(key));
        }
        return removed;
    }

    @Override
    public void removeAll() {
        synchronized (entries) {
            entries.keySet().forEach(key -> listeners.forEach(l -> l.onEntryRemoved(key)));
            entries.clear();
        }
    }

    @Override
    public boolean containsKey(Object key) {
        synchronized (entries) {
            return entries.containsKey(key);
        }
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /**
     * The version of the aggregate an entry holds. Axon's entries keep the live aggregate they were made from, and
     * give it back without using the arguments; an entry without one (never the case here: nothing is serialized)
     * is not cached.
     */
    private static Long versionOf(Object value) {
        if (value instanceof AggregateCacheEntry<?> entry) {
            try {
                EventSourcedAggregate<?> aggregate = entry.recreateAggregate(null, null, null, null);
                return aggregate.version();
            } catch (RuntimeException notLive) {
                return null;
            }
        }
        return null;
    }

    private static Counter lookups(MeterRegistry meters, String result) {
        return Counter.builder("tiekartta.aggregate.cache.lookups")
                      .description("Aggregate cache lookups: hit (current), miss (not cached), stale (another instance "
                                   + "appended since; loaded from the store)")
                      .tag("result", result).register(meters);
    }
}
