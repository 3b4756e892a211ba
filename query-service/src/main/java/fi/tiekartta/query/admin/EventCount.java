package fi.tiekartta.query.admin;

import fi.tiekartta.support.eventstore.EventStoreTables;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The number of events in the store up to a global index, counted from where the last count ended. Progress is
 * asked for every half second during a rebuild; counting a million rows from the start each time took a good
 * share of the database's time away from the rebuild itself. Counting on is exact because appends commit in
 * global-index order (AppendLock): once an index is visible, no event below it can still appear.
 */
final class EventCount {

    private final JdbcTemplate jdbc;
    private long countedUpTo = -1;
    private long count;

    EventCount(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    synchronized long upTo(long globalIndex) {
        if (globalIndex < countedUpTo) { // a new rebuild started from the beginning
            countedUpTo = -1;
            count = 0;
        }
        if (globalIndex > countedUpTo) {
            count += countBetween(countedUpTo, globalIndex);
            countedUpTo = globalIndex;
        }
        return count;
    }

    private long countBetween(long after, long upTo) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM " + EventStoreTables.DOMAIN_EVENTS
                                     + " WHERE global_index > ? AND global_index <= ?", Long.class, after, upTo);
        return n == null ? 0 : n;
    }
}
