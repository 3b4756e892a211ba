package fi.tiekartta.query.axon;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Listens for the event store's announcements of committed appends (channel {@value #CHANNEL}, sent by the event
 * store's trigger) and wakes the store's reader for each, so that a new event's batch starts within milliseconds
 * of its commit rather than at the reader's next poll. The poll stays: it is what finds events while this listener
 * has no connection (the database restarting), and it is all there is where notifications do not arrive (a
 * connection pooler between the service and the database that does not pass LISTEN through).
 *
 * <p>Its connection is its own, not one of the pool's: it is held for the service's whole life.
 */
public class AppendNotifications implements SmartLifecycle {

    static final String CHANNEL = "event_store_appended";

    private static final Logger log = LoggerFactory.getLogger(AppendNotifications.class);
    /** How long one wait for notifications blocks; also how often a stop is noticed. */
    private static final int WAIT_MILLIS = 1_000;
    /** After this many waits without a notification, the connection is checked: a silent network drop shows no error. */
    private static final int WAITS_BETWEEN_CHECKS = 30;

    private final DataSourceProperties database;
    private final Runnable wake;
    private final Duration retryAfter;
    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;

    public AppendNotifications(DataSourceProperties database, Runnable wake, Duration retryAfter) {
        this.database = database;
        this.wake = wake;
        this.retryAfter = retryAfter;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::listenWhileRunning, "append-notifications");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(WAIT_MILLIS * 2L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether a connection is listening now (for the tests and the logs: the poll covers the times it is not). */
    boolean listening() {
        return listening;
    }

    private void listenWhileRunning() {
        boolean warned = false;
        while (running) {
            try (Connection connection = DriverManager.getConnection(database.determineUrl(),
                                                                     database.determineUsername(),
                                                                     database.determinePassword())) {
                listen(connection);
                if (warned) {
                    log.info("Listening for the event store's appends again");
                    warned = false;
                }
                relayUntilStoppedOrBroken(connection);
            } catch (SQLException e) {
                if (running && !warned) {
                    log.warn("Not listening for the event store's appends ({}); new events are found by the poll "
                             + "until the connection is back", e.getMessage());
                    warned = true;
                }
            } finally {
                listening = false;
            }
            pauseBeforeRetry();
        }
    }

    private void listen(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
        }
        listening = true;
        // Events committed while nobody listened were announced to nobody: the reader looks now.
        wake.run();
    }

    private void relayUntilStoppedOrBroken(Connection connection) throws SQLException {
        PGConnection notifications = connection.unwrap(PGConnection.class);
        int quietWaits = 0;
        while (running) {
            PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
            if (received != null && received.length > 0) {
                wake.run();
                quietWaits = 0;
            } else if (++quietWaits >= WAITS_BETWEEN_CHECKS) {
                quietWaits = 0;
                if (!connection.isValid(5)) {
                    throw new SQLException("the listening connection stopped answering");
                }
            }
        }
    }

    private void pauseBeforeRetry() {
        if (!running) {
            return;
        }
        try {
            Thread.sleep(retryAfter.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
