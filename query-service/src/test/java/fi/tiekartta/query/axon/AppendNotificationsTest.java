package fi.tiekartta.query.axon;

import fi.tiekartta.query.QueryServiceDatabase;
import fi.tiekartta.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The event store announces each committed append (its trigger, V7) and {@link AppendNotifications} wakes the
 * reader for it: only for commits, and again after its connection was cut off.
 */
class AppendNotificationsTest {

    private static TestDatabase database;

    private final AtomicInteger wakes = new AtomicInteger();
    private AppendNotifications notifications;

    @BeforeAll
    static void store() {
        database = QueryServiceDatabase.withEventStore("append_notifications");
    }

    @AfterAll
    static void dropStore() {
        database.drop();
    }

    @BeforeEach
    void listen() {
        DataSourceProperties properties = new DataSourceProperties();
        properties.setUrl(database.jdbcUrl());
        properties.setUsername(database.username());
        properties.setPassword(database.password());
        notifications = new AppendNotifications(properties, wakes::incrementAndGet, Duration.ofMillis(100));
        notifications.start();
        await().atMost(Duration.ofSeconds(10)).until(notifications::listening);
        // Listening begins with a wake of its own: whatever was committed while nobody listened.
        await().atMost(Duration.ofSeconds(10)).until(() -> wakes.get() == 1);
        wakes.set(0);
    }

    @AfterEach
    void stop() {
        notifications.stop();
    }

    @Test
    void aCommittedAppendWakesTheReader_aRolledBackOneDoesNot() throws SQLException {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            insertEvent(connection);
            connection.rollback();
            insertEvent(connection);
            insertEvent(connection);
            connection.commit();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> wakes.get() >= 1);
        // Notifications arrive in commit order, so the rolled-back insert's would have come before the commit's; and
        // the two inserts of the committed transaction are announced once.
        assertThat(wakes.get()).isEqualTo(1);
    }

    @Test
    void aListenerCutOffListensAgain_andWakesForWhatWasCommittedMeanwhile() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            // Waits until the listener's backend has gone, so any wake after this comes from a new connection.
            statement.execute("SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity"
                              + " WHERE datname = current_database() AND query = 'LISTEN " + AppendNotifications.CHANNEL + "'");
        }
        try (Connection connection = database.connect()) {
            insertEvent(connection);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> wakes.get() >= 1);
        int afterReconnect = wakes.get();
        try (Connection connection = database.connect()) {
            insertEvent(connection);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> wakes.get() > afterReconnect);
    }

    private static void insertEvent(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO event_store.domain_event_entry (event_identifier, aggregate_identifier, sequence_number,"
                + " type, time_stamp, payload_type, payload, meta_data, event_hash)"
                + " VALUES (?, ?, 0, 'Project', '2026-11-30T10:00:00Z', 'test', '{}', '{}', repeat('0', 64))")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, "P-" + UUID.randomUUID());
            insert.executeUpdate();
        }
    }
}
