package fi.tiekartta.query;

import fi.tiekartta.events.ProjectRegisteredEvent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;

/**
 * For tests of which index a statement reads: whole-table and bitmap scans are turned off so that the plan goes through
 * an index whatever the test database's size, and VACUUM marks the pages all-visible so that an index-only scan is
 * priced as one. An index-only scan shows in the plan only where the index includes every column the statement names
 * of it; without one of them PostgreSQL plans an index scan that reads the heap.
 */
public abstract class QueryPlanTestBase extends QueryServiceTestBase {

    @Autowired
    private JdbcTemplate jdbc;

    /** A project registered and projected, and the views' pages marked all-visible. */
    protected void oneProjectProjectedAndVacuumed() {
        String id = newProjectId();
        append(id, 0, new ProjectRegisteredEvent(id, "reg", "TEKNIIKKA", "Indeksitesti", "matti.m", 2024, 2025, null,
                                                 LocalDate.of(2024, 3, 1)), "koordinaattori", null);
        awaitProjectedVersion(id, 0);
        jdbc.execute("VACUUM (ANALYZE) read_model.project_view");
    }

    /** {@code EXPLAIN} of {@code sql} with {@code arguments}, table and bitmap scans off. */
    protected String planWithoutTableScans(String sql, Object[] arguments) {
        return jdbc.execute((ConnectionCallback<String>) connection -> {
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement();
                 PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
                s.execute("SET LOCAL enable_seqscan = off");
                s.execute("SET LOCAL enable_bitmapscan = off");
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
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        });
    }
}
