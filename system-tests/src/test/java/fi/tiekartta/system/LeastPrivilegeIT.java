package fi.tiekartta.system;

import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** docs/SECURITY.md, "Database: least privilege": each service with its own role, the query side read-only. */
class LeastPrivilegeIT {

    private static RunningSystem system;

    @BeforeAll
    static void start() {
        system = RunningSystem.startWithServiceRoles("roles");
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void bothServicesWork_withTheirOwnRoles() {
        Response registered = system.commands().post("/api/projects", TestTokens.mint("k", "COORDINATOR"),
                "{\"projectId\":\"LP-01\",\"sector\":\"TEKNIIKKA\",\"title\":\"Rajattu\",\"owner\":\"matti.m\"}");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(15)).until(() ->
                system.queries().get("/api/projects/LP-01", TestTokens.mint("j", "MANAGEMENT")).status() == 200);
    }

    @Test
    void theQueryServicesRole_readsTheEventStore_butCannotChangeIt() throws SQLException {
        try (Connection asQueryService = DriverManager.getConnection(system.database.jdbcUrl(), RunningSystem.QUERY_ROLE, "");
             Statement sql = asQueryService.createStatement()) {
            sql.executeQuery("SELECT count(*) FROM event_store.domain_event_entry").close();
            // The stream heads the year-end digest is read from (V5__stream_head.sql): readable, never writable.
            sql.executeQuery("SELECT count(*) FROM event_store.stream_head").close();
            assertRefused(sql, "UPDATE event_store.stream_head SET last_hash = repeat('0', 64)");

            assertRefused(sql, "INSERT INTO event_store.domain_event_entry (event_identifier, aggregate_identifier, "
                               + "sequence_number, type, time_stamp, payload_type, payload) "
                               + "VALUES ('forged', 'LP-01', 99, 'Project', '2024-01-01T00:00:00.000Z', 'x', '{}')");
            assertRefused(sql, "UPDATE event_store.domain_event_entry SET payload = '{}'");
            assertRefused(sql, "DELETE FROM event_store.domain_event_entry");
            assertRefused(sql, "CREATE TABLE event_store.shadow (id int)");
        }
    }

    private static void assertRefused(Statement sql, String statement) {
        assertThatThrownBy(() -> sql.execute(statement)).isInstanceOf(SQLException.class)
                                                        .hasMessageContaining("permission denied");
    }
}
