package fi.tiekartta.query.audit;

import fi.tiekartta.query.QueryServiceDatabase;
import fi.tiekartta.support.eventstore.CanonicalEvent;
import fi.tiekartta.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Events stored before V3 get the hashes the application would have given them, chained the same way. */
class EventHashMigrationTest {

    private static final TestDatabase DATABASE = TestDatabase.create("hash_migration");

    @BeforeAll
    static void storeWithoutHashes() {
        flyway("2").migrate();
    }

    @AfterAll
    static void drop() {
        DATABASE.drop();
    }

    @Test
    void theMigration_hashesEveryStoredEvent_inStreamOrder_asTheCanonicalFormDoes() throws SQLException {
        try (Connection connection = DATABASE.connect()) {
            insert(connection, "B-1", 0, "{\"actor\":\"kaisa\",\"correlationId\":\"x\"}", "{\"n\":0}");
            insert(connection, "A-1", 0, "{\"actor\":\"kaisa\"}", "{\"n\":0}");
            insert(connection, "A-1", 1, "{\"actor\":\"matti\",\"reason\":\"rivi\\ntoinen \\\"lainaus\\\" ä\"}", "{\"n\":1}");
            insert(connection, "A-1", 2, null, "{\"n\":2,\"note\":\"kesä – syksy\"}");

            flyway("3").migrate();

            Map<String, String> chained = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT * FROM event_store.domain_event_entry ORDER BY aggregate_identifier, sequence_number");
                 ResultSet rs = select.executeQuery()) {
                int rows = 0;
                while (rs.next()) {
                    String stream = rs.getString("aggregate_identifier");
                    String expected = new CanonicalEvent(
                            chained.getOrDefault(stream, ""), rs.getString("event_identifier"), stream,
                            rs.getLong("sequence_number"), rs.getString("type"), rs.getString("payload_type"),
                            rs.getString("payload_revision"), rs.getString("time_stamp"), rs.getString("meta_data"),
                            rs.getString("payload")).hash();
                    assertThat(rs.getString("event_hash")).as(stream + " " + rs.getLong("sequence_number")).isEqualTo(expected);
                    chained.put(stream, expected);
                    rows++;
                }
                assertThat(rows).isEqualTo(4);
            }
        }
    }

    private static void insert(Connection connection, String stream, long sequence, String metaData, String payload)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO event_store.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,"
                + " time_stamp, payload_type, payload_revision, payload, meta_data) VALUES (?, ?, ?, 'Project', ?, ?, '1', ?, ?)")) {
            insert.setString(1, stream + "-" + sequence);
            insert.setString(2, stream);
            insert.setLong(3, sequence);
            insert.setString(4, "2024-01-0" + (sequence + 1) + "T10:00:00.000Z");
            insert.setString(5, "fi.tiekartta.events.ProjectStatusChangedEvent");
            insert.setString(6, payload);
            insert.setString(7, metaData);
            insert.executeUpdate();
        }
    }

    private static Flyway flyway(String target) {
        return QueryServiceDatabase.migrations(DATABASE, "event_store", "classpath:db/event-store", target);
    }
}
