package fi.tiekartta.query.admin;

import fi.tiekartta.query.QueryServiceTestBase;
import fi.tiekartta.support.eventstore.EventStoreTables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild's read of the event store through one binary COPY: the same rows, values and order as a plain SELECT
 * of the same snapshot. The events are written in a transaction that is rolled back, so no other test sees them.
 */
class SnapshotCopyTest extends QueryServiceTestBase {

    private static final String PREFIX = "snapshot-copy-";
    private static final String HASH = "0".repeat(64);
    /** A payload with JSON's escapes in it: a quoted word, a line break, a backslash, and a backslash before digits. */
    private static final String BACKSLASHED_PAYLOAD =
            "{\"note\":\"Hanke \\\"Digi\\\" valmis\\nrivi 2\",\"path\":\"C:\\\\data\\\\101\",\"x\":\"\\u00e4\"}";

    @Autowired
    private DataSource dataSource;

    @Test
    void givesEveryEventUpToTheHead_streamAfterStream_asAPlainSelectDoes() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                append(connection, PREFIX + "b", 0, "Project", "fi.tiekartta.events.ProjectRegisteredEvent", "1",
                       "{\"title\":\"Sähköinen asiointi ✓\"}", "{\"actor\":\"Pälvi\"}");
                append(connection, PREFIX + "a", 0, null, "java.lang.String", null, "\"ääkköset\"", null);
                append(connection, PREFIX + "b", 1, "Project", "fi.tiekartta.events.ProjectStatusChangedEvent", null,
                       "{}", "{}");
                // JSON escapes: the text's own characters, not escapes of bytea's input (which a cast to bytea reads)
                append(connection, PREFIX + "b", 2, "Project", "fi.tiekartta.events.ProjectStatusChangedEvent", null,
                       BACKSLASHED_PAYLOAD, "{\"reason\":\"\\\\palvelin\\\\jako\"}");
                long head = maxGlobalIndex(connection);
                append(connection, PREFIX + "a", 1, "Project", "java.lang.String", null, "\"after the head\"", null);

                List<String> copied = new ArrayList<>();
                try (SnapshotCopy rows = new SnapshotCopy(connection, head)) {
                    for (SnapshotCopy.Row row = rows.next(); row != null; row = rows.next()) {
                        if (row.aggregate().startsWith(PREFIX)) {
                            copied.add(describe(row));
                        }
                    }
                }

                assertThat(copied).containsExactlyElementsOf(selected(connection, head));
                assertThat(copied).hasSize(4);
                assertThat(copied.get(0)).startsWith(PREFIX + "a|0|").contains("|null|java.lang.String|null|\"ääkköset\"|null");
                assertThat(copied.get(1)).contains("Sähköinen asiointi ✓").contains("Pälvi");
                assertThat(copied.get(3)).contains(BACKSLASHED_PAYLOAD).contains("\\\\palvelin\\\\jako");
                // the connection goes on after the COPY, in the same transaction
                assertThat(maxGlobalIndex(connection)).isGreaterThan(head);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    /**
     * A build stopped midway closes the COPY: its connection, which the driver cannot bring back from the middle of a
     * COPY TO, is given up (its transaction with it), and the pool hands out working connections after it.
     */
    @Test
    void closedBeforeTheLastRow_givesUpItsConnection_andThePoolGoesOn() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            for (int i = 0; i < 400; i++) {
                append(connection, PREFIX + "c", i, "Project", "java.lang.String", null, "\"" + "x".repeat(2_000) + "\"", null);
            }
            try (SnapshotCopy rows = new SnapshotCopy(connection, maxGlobalIndex(connection))) {
                assertThat(rows.next()).isNotNull();
            }
            assertThat(connection.isValid(1)).isFalse();
        }
        for (int i = 0; i < 3; i++) { // the same thread is handed its last connection first: never the given-up one
            try (Connection next = dataSource.getConnection(); Statement s = next.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM " + EventStoreTables.DOMAIN_EVENTS
                                               + " WHERE aggregate_identifier = '" + PREFIX + "c'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).as("the aborted transaction's events").isZero();
            }
        }
    }

    private static void append(Connection connection, String aggregate, long sequence, String type, String payloadType,
                               String revision, String payload, String metaData) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + EventStoreTables.DOMAIN_EVENTS + " (event_identifier, aggregate_identifier, sequence_number,"
                + " type, time_stamp, payload_type, payload_revision, payload, meta_data, event_hash)"
                + " VALUES (?, ?, ?, ?, '2024-03-01T10:59:37.882Z', ?, ?, ?, ?, ?)")) {
            insert.setString(1, aggregate + "/" + sequence);
            insert.setString(2, aggregate);
            insert.setLong(3, sequence);
            insert.setString(4, type);
            insert.setString(5, payloadType);
            insert.setString(6, revision);
            insert.setString(7, payload);
            insert.setString(8, metaData);
            insert.setString(9, HASH);
            insert.executeUpdate();
        }
    }

    private static long maxGlobalIndex(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT max(global_index) FROM " + EventStoreTables.DOMAIN_EVENTS)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The same events by a plain SELECT in the same transaction, described alike. */
    private static List<String> selected(Connection connection, long head) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT aggregate_identifier, sequence_number, event_identifier, type, time_stamp, payload_type,"
                + " payload_revision, payload, meta_data FROM " + EventStoreTables.DOMAIN_EVENTS
                + " WHERE global_index <= ? AND aggregate_identifier LIKE ? ORDER BY aggregate_identifier, sequence_number")) {
            select.setLong(1, head);
            select.setString(2, PREFIX + "%");
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(describe(new SnapshotCopy.Row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                                           rs.getString(5), rs.getString(6), rs.getString(7),
                                                           utf8(rs.getString(8)), utf8(rs.getString(9)))));
                }
            }
        }
        return rows;
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static String describe(SnapshotCopy.Row row) {
        return String.join("|", row.aggregate(), Long.toString(row.sequence()), row.identifier(), String.valueOf(row.type()),
                           row.payloadType(), String.valueOf(row.payloadRevision()),
                           row.payload() == null ? "null" : new String(row.payload(), StandardCharsets.UTF_8),
                           row.metaData() == null ? "null" : new String(row.metaData(), StandardCharsets.UTF_8))
               + "|" + row.timestamp() + "|" + Arrays.hashCode(row.payload());
    }
}
