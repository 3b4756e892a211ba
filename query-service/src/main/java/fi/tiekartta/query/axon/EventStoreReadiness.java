package fi.tiekartta.query.axon;

import fi.tiekartta.support.eventstore.EventStoreTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/**
 * Holds the start-up until the command-service has created the event store. Started first, the processors
 * would fail on a missing table and back off for up to a minute; waiting here makes start order irrelevant.
 */
@Component
public class EventStoreReadiness implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(EventStoreReadiness.class);

    private final JdbcTemplate jdbc;
    private final Duration patience;

    public EventStoreReadiness(JdbcTemplate jdbc, @Value("${tiekartta.event-store.wait:2m}") Duration patience) {
        this.jdbc = jdbc;
        this.patience = patience;
    }

    @Override
    public void afterPropertiesSet() throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        boolean announced = false;
        while (!eventStoreExists()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("The event store " + EventStoreTables.DOMAIN_EVENTS + " did not appear within "
                                                + patience + ": is the command-service running against this database?");
            }
            if (!announced) {
                log.info("Waiting for the command-service to create {}", EventStoreTables.DOMAIN_EVENTS);
                announced = true;
            }
            Thread.sleep(500);
        }
    }

    private boolean eventStoreExists() {
        return jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, EventStoreTables.DOMAIN_EVENTS);
    }
}
