package fi.tiekartta.query.projects;

import fi.tiekartta.events.ProjectRegisteredEvent;
import fi.tiekartta.query.QueryServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Visible on day D as known at K" finds the rows closed after K from the index of closed rows alone, and reads only
 * those rows' states from the table (V15): the index includes every column the conditions name, the sector and
 * status filters and the paging cursor among them. Without one of them PostgreSQL cannot plan an index-only scan on
 * it, and an instant long past scanned the whole table. Whole-table and bitmap scans are turned off so that the plan
 * goes through an index whatever the test database's size, and VACUUM marks the pages all-visible so that an
 * index-only scan is priced as one.
 */
class ClosedRowsPlanTest extends QueryServiceTestBase {

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void theRowsClosedAfterAPastInstant_areFoundFromTheirIndexAlone_filteredOrNot() {
        String id = newProjectId();
        append(id, 0, new ProjectRegisteredEvent(id, "reg", "TEKNIIKKA", "Indeksitesti", "matti.m", 2024, 2025, null,
                                                 LocalDate.of(2024, 3, 1)), "koordinaattori", null);
        awaitProjectedVersion(id, 0);
        jdbc.execute("VACUUM (ANALYZE) read_model.project_view");
        Map<String, String> filtered = new LinkedHashMap<>();
        filtered.put("sector", "TEKNIIKKA");
        filtered.put("status", "IN_PROGRESS");
        Instant past = Instant.parse("2025-02-15T00:00:00Z");
        LocalDate day = LocalDate.of(2024, 6, 30);

        for (ProjectViewTable.Visible question : new ProjectViewTable.Visible[] {
                ProjectViewTable.Visible.of(day, past, Map.of(), null, ""),
                ProjectViewTable.Visible.of(day, past, filtered, "A", " ORDER BY v.project_id LIMIT 100")}) {
            assertThat(plan(question)).as(question.sql())
                                      .contains("Index Only Scan using project_view_closed on project_view");
        }
    }

    private String plan(ProjectViewTable.Visible question) {
        return jdbc.execute((ConnectionCallback<String>) connection -> {
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement();
                 PreparedStatement explain = connection.prepareStatement("EXPLAIN " + question.sql())) {
                s.execute("SET LOCAL enable_seqscan = off");
                s.execute("SET LOCAL enable_bitmapscan = off");
                for (int i = 0; i < question.arguments().length; i++) {
                    explain.setObject(i + 1, question.arguments()[i]);
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
