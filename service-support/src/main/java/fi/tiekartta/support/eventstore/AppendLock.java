package fi.tiekartta.support.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One transaction-scoped PostgreSQL advisory lock for every append to the event store, in every instance of the
 * command-service. It serialises appends from their insert to their commit; everything else (loading
 * aggregates, deciding, reading) runs in parallel. The price is that the append rate is bounded by the
 * database's single-row commit rate (docs/PERFORMANCE.md measures both). The command-service's group commit takes
 * the same lock inside one statement ({@code event_store.append_group}) for the events of many commands at once.
 */
public final class AppendLock {

    /** "TIEKARTA" in ASCII: an arbitrary key no other lock of this database uses. */
    public static final long KEY = 0x5449454B41525441L;

    private AppendLock() {
    }

    static void takeFor(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, KEY);
            lock.execute();
        }
    }
}
