package fi.tiekartta.command.append;

import fi.tiekartta.command.CommandServiceTestBase;
import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.ConnectionCallback;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The group commit's statement looks up stream positions and Idempotency-Keys by probing their unique indexes, never
 * by reading the whole store: PL/pgSQL keeps a session's plans, and a plan made while the store looked small (a new
 * deployment, statistics not yet gathered) would otherwise scan every stored event on every group commit for as long
 * as the connection lives (V6__append_group_probes_by_index.sql). Here the planner is made to prefer whole-table
 * scans in the same way (an index probe priced far above a scan, and a generic plan) and must still probe.
 */
class AppendGroupPlanTest extends CommandServiceTestBase {

    private static final String COORDINATOR = TestTokens.mint("koordinaattori", "COORDINATOR");

    @Test
    void theGroupStatement_probesPositionsAndKeysByIndex_evenWhenThePlannerWouldRatherScanTheStore() {
        String project = uniqueProjectId();
        assertThat(api.post("/api/projects", COORDINATOR, "{\"projectId\":\"" + project + "\",\"sector\":\"TEKNIIKKA\","
                                                       + "\"title\":\"Suunnitelmatesti\",\"owner\":\"omistaja\",\"plannedStartYear\":2024,"
                                                       + "\"plannedEndYear\":2025}").status()).isEqualTo(201);

        List<String> scans = jdbc.execute((ConnectionCallback<List<String>>) connection -> {
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                s.execute("SET LOCAL plan_cache_mode = force_generic_plan");
                s.execute("SET LOCAL random_page_cost = 100000");
                try (ResultSet refused = s.executeQuery(
                        "SELECT refused_member, refused_because FROM event_store.append_group(4242,"
                        + " '{0}', '{" + UUID.randomUUID() + "}', '{" + project + "}', '{0}', '{ProjectRegisteredEvent}',"
                        + " '{2024-01-01T00:00:00Z}', '{x}', '{null}', '{x}', '{x}', '{x}',"
                        + " '{1}', '{koordinaattori}', '{" + UUID.randomUUID() + "}', '{x}', '{201}', '{x}', '{x}', '{x}')")) {
                    assertThat(refused.next()).as("the taken position is refused").isTrue();
                    assertThat(refused.getString(2)).isEqualTo("sequence");
                }
                return scansOfThisTransaction(connection);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        });

        assertThat(scans).containsExactlyInAnyOrder("domain_event_entry: 0 whole-table scans, index probes",
                                                    "idempotency_key: 0 whole-table scans, index probes");
    }

    private static List<String> scansOfThisTransaction(Connection connection) throws java.sql.SQLException {
        List<String> scans = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT relname, seq_scan, idx_scan FROM pg_stat_xact_user_tables"
                                           + " WHERE schemaname = 'event_store'"
                                           + " AND relname IN ('domain_event_entry', 'idempotency_key')")) {
            while (rs.next()) {
                scans.add(rs.getString(1) + ": " + rs.getLong(2) + " whole-table scans"
                          + (rs.getLong(3) > 0 ? ", index probes" : ", no index probe"));
            }
        }
        return scans;
    }
}
