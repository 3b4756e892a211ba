package fi.tiekartta.command;

import fi.tiekartta.support.eventstore.EventStoreTables;
import fi.tiekartta.testsupport.HttpApi;
import fi.tiekartta.testsupport.TestDatabase;
import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The command-service running on a random port against a fresh database on the real PostgreSQL. Every test
 * class that extends this shares one application context and one database, so tests must not depend on an
 * empty store: each works on project ids of its own ({@link #uniqueProjectId()}).
 * <p>
 * Spring Boot's tests switch metrics export off unless asked, which would hide {@code /actuator/prometheus};
 * the service must be tested as it runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
public abstract class CommandServiceTestBase {

    protected static final TestDatabase DATABASE = TestDatabase.create("command");

    /** Unique per JVM run, so that two runs against a kept database still do not collide. */
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final AtomicInteger PROJECTS = new AtomicInteger();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DATABASE::jdbcUrl);
        registry.add("spring.datasource.username", DATABASE::username);
        registry.add("spring.datasource.password", DATABASE::password);
        registry.add("tiekartta.jwt.secret", () -> TestTokens.SECRET);
    }

    @LocalServerPort
    private int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected HttpApi api;

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    @BeforeEach
    void connectToTheRunningService() {
        api = new HttpApi("http://127.0.0.1:" + port);
    }

    /**
     * An explicit id no other test uses. It deliberately has no sector prefix ({@code TE-…}), so it never
     * changes which id the sector allocator proposes next.
     */
    protected static String uniqueProjectId() {
        return "T" + RUN + "-" + PROJECTS.incrementAndGet();
    }

    /** All events in the store; tests run one at a time, so a difference is what the request appended. */
    protected long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM " + EventStoreTables.DOMAIN_EVENTS, Long.class);
    }

    protected long eventCount(String projectId) {
        return jdbc.queryForObject("SELECT count(*) FROM " + EventStoreTables.DOMAIN_EVENTS
                                   + " WHERE aggregate_identifier = ?", Long.class, projectId);
    }

    /**
     * Reads one value of a stored event with SQL, the way an auditor would.
     *
     * @param expression a constant SQL expression over the event row, e.g. {@code payload::jsonb ->> 'title'}
     */
    protected String storedEvent(String projectId, long sequence, String expression) {
        return jdbc.queryForObject("SELECT " + expression + " FROM " + EventStoreTables.DOMAIN_EVENTS
                                   + " WHERE aggregate_identifier = ? AND sequence_number = ?",
                                   String.class, projectId, sequence);
    }
}
