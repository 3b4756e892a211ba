import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * The raw rate of reading the event store with plain JDBC: every row in global-index order, every column read as
 * the projection's reader reads it (text), fetched 1,000 rows at a time. What a rebuild cannot beat.
 *
 * <pre>java -cp &lt;postgresql driver&gt; ReadEvents.java JDBC_URL USER</pre>
 */
public class ReadEvents {

    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection(args[0], args[1], "")) {
            connection.setAutoCommit(false); // PostgreSQL fetches in batches only within a transaction
            long started = System.nanoTime();
            long rows = 0;
            long bytes = 0;
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT global_index, event_identifier, aggregate_identifier, sequence_number, type, time_stamp, "
                    + "payload_type, payload_revision, payload, meta_data, event_hash "
                    + "FROM event_store.domain_event_entry ORDER BY global_index")) {
                query.setFetchSize(1000);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        rs.getLong(1);
                        for (int column = 2; column <= 11; column++) {
                            String value = column == 4 ? null : rs.getString(column);
                            bytes += value == null ? 0 : value.length();
                        }
                        rs.getLong(4);
                        rows++;
                    }
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("RESULT rows=%d seconds=%.2f rate=%.0f mb=%.0f%n", rows, seconds, rows / seconds, bytes / 1e6);
        }
    }
}
