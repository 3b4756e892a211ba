package fi.tiekartta.query.report;

import fi.tiekartta.events.ProjectRegisteredEvent;
import fi.tiekartta.query.QueryServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The year-end report reads the rows of a year from indexes alone, never from the table's heap pages: the believed
 * rows from the valid-time index (V13), the rows closed after the instant asked about from the index of closed rows,
 * and the project's earlier statuses, probed for a row in force on the year's eve, from the index of a project's rows
 * (both V15). Each index includes every column the statement names of it. Without one of them PostgreSQL cannot plan
 * an index-only scan on it at all, and the plan shows an index scan that reads the heap. Whole-table and bitmap scans
 * are turned off so that the plan goes through an index whatever the test database's size, and VACUUM marks the
 * pages all-visible so that an index-only scan is priced as one.
 */
class YearRowsPlanTest extends QueryServiceTestBase {

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void theYearsRows_comeFromIndexesAlone_asKnownNowAndAtAnInstantSincePast() {
        String id = newProjectId();
        append(id, 0, new ProjectRegisteredEvent(id, "reg", "TEKNIIKKA", "Indeksitesti", "matti.m", 2024, 2025, null,
                                                 LocalDate.of(2024, 3, 1)), "koordinaattori", null);
        awaitProjectedVersion(id, 0);
        jdbc.execute("VACUUM (ANALYZE) read_model.project_view");

        for (Instant knownAt : new Instant[] {Instant.now(), Instant.parse("2025-02-15T00:00:00Z")}) {
            String plan = planOfYear(2024, knownAt);

            assertThat(plan).as("as known at %s", knownAt)
                            .contains("Index Only Scan using project_view_believed_days on project_view")
                            .contains("Index Only Scan using project_view_closed on project_view")
                            .contains("Index Only Scan using project_view_project on project_view b")
                            .doesNotContain("Index Scan using");
        }
    }

    private String planOfYear(int year, Instant knownAt) {
        return jdbc.execute((ConnectionCallback<String>) connection -> {
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                s.execute("SET LOCAL enable_seqscan = off");
                s.execute("SET LOCAL enable_bitmapscan = off");
                return explain(connection, year, knownAt);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        });
    }

    private static String explain(Connection connection, int year, Instant knownAt) throws SQLException {
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + ReportTimelines.YEAR_ROWS)) {
            Object[] arguments = ReportTimelines.yearRowsArguments(year, knownAt);
            for (int i = 0; i < arguments.length; i++) {
                explain.setObject(i + 1, arguments[i]);
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }
}
