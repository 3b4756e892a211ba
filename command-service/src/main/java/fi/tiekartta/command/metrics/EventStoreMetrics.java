package fi.tiekartta.command.metrics;

import fi.tiekartta.support.eventstore.EventStoreTables;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * The size of the event store as metrics: {@code tiekartta.event.store.events} (rows) and
 * {@code tiekartta.event.store.size} (bytes, table with its indexes and TOAST). Counting a large table costs a
 * scan of its primary key, so both are read at most once per {@code tiekartta.metrics.event-store-refresh}
 * (default 10 s), when a scrape asks, and the last reading is shown meanwhile.
 */
@Component
public class EventStoreMetrics {

    private final JdbcTemplate jdbc;
    private final long refreshNanos;
    private volatile long events = -1;
    private volatile long bytes = -1;
    private volatile long readAt;

    public EventStoreMetrics(JdbcTemplate jdbc, MeterRegistry meters,
                             @Value("${tiekartta.metrics.event-store-refresh:10s}") Duration refresh) {
        this.jdbc = jdbc;
        this.refreshNanos = refresh.toNanos();
        this.readAt = System.nanoTime() - refreshNanos - 1;
        Gauge.builder("tiekartta.event.store.events", () -> fresh().events)
             .description("Events in the event store").baseUnit("events").register(meters);
        Gauge.builder("tiekartta.event.store.size", () -> fresh().bytes)
             .description("Bytes the event store's table takes on disk, with its indexes").baseUnit("bytes").register(meters);
    }

    private synchronized EventStoreMetrics fresh() {
        long now = System.nanoTime();
        if (now - readAt > refreshNanos) {
            readAt = now;
            try {
                jdbc.query("SELECT (SELECT count(*) FROM " + EventStoreTables.DOMAIN_EVENTS + "), pg_total_relation_size(?::regclass)",
                           rs -> {
                               events = rs.getLong(1);
                               bytes = rs.getLong(2);
                           }, EventStoreTables.DOMAIN_EVENTS);
            } catch (RuntimeException e) {
                // The database may be away for a moment: the last reading stands until the next refresh.
            }
        }
        return this;
    }
}
