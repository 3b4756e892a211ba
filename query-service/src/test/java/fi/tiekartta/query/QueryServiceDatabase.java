package fi.tiekartta.query;

import fi.tiekartta.testsupport.TestDatabase;
import fi.tiekartta.testsupport.TestTokens;
import org.flywaydb.core.Flyway;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A PostgreSQL database as the query-service finds it in production: the event store laid out by the
 * command-service's own migrations. Tests that need a database of their own (they stop processors or break
 * tables) take one here instead of sharing {@link QueryServiceTestBase}'s.
 */
public final class QueryServiceDatabase {

    private QueryServiceDatabase() {
    }

    /** A fresh database named after {@code name}, with the event-store tables in place. */
    public static TestDatabase withEventStore(String name) {
        TestDatabase database = TestDatabase.create(name);
        migrations(database, "event_store", "classpath:db/event-store", "latest").migrate();
        return database;
    }

    /**
     * The migrations of {@code schema} found at {@code location}, on {@code database}, up to version {@code target}
     * ("latest": all of them): for tests of what a migration does to the rows already there.
     */
    public static Flyway migrations(TestDatabase database, String schema, String location, String target) {
        return Flyway.configure()
                     .dataSource(database.jdbcUrl(), database.username(), database.password())
                     .schemas(schema).defaultSchema(schema).createSchemas(true)
                     .locations(location)
                     .target(target)
                     .load();
    }

    /**
     * Points a test context at {@code database}, with the test token secret, a fast-polling projection, and no
     * scheduled take-up of stopped rebuilds.
     */
    public static void register(DynamicPropertyRegistry registry, TestDatabase database) {
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        registry.add("tiekartta.jwt.secret", () -> TestTokens.SECRET);
        registry.add("tiekartta.projection.fetch-delay", () -> "20ms");
        // Tests that stop a rebuild on purpose take it up themselves (ReadModelRebuild.takeUpStopped), when they mean to.
        registry.add("tiekartta.rebuild.take-up-interval", () -> "PT1H");
    }
}
