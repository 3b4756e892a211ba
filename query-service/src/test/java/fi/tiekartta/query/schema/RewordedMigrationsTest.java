package fi.tiekartta.query.schema;

import fi.tiekartta.query.QueryServiceApplication;
import fi.tiekartta.query.QueryServiceDatabase;
import fi.tiekartta.testsupport.TestDatabase;
import fi.tiekartta.testsupport.TestTokens;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A database migrated by the release before V2's and V4's comments were reworded still starts, and nothing else
 * about Flyway's checksum validation is loosened. Such a database differs from a current one only in the
 * checksums its schema history recorded for V2 and V4 (the statements are the same), so the tests lay out a
 * current schema and write the released checksums into its history.
 */
class RewordedMigrationsTest {

    private static final List<TestDatabase> DATABASES = new ArrayList<>();

    @AfterAll
    static void drop() {
        DATABASES.forEach(TestDatabase::drop);
    }

    @Test
    void theCurrentChecksums_areThoseOfTheMigrationFiles() {
        TestDatabase database = database("reworded_files");
        Flyway flyway = readModelFlyway(database);
        Map<String, Integer> resolved = new HashMap<>();
        Arrays.stream(flyway.info().all()).filter(m -> m.getVersion() != null)
              .forEach(m -> resolved.put(m.getVersion().getVersion(), m.getChecksum()));
        RewordedMigrations.REWORDED.forEach((version, checksums) ->
                assertThat(resolved.get(version)).as("checksum of V%s now", version).isEqualTo(checksums.current()));
    }

    @Test
    void aDatabaseMigratedByTheReleasedFiles_failsFlywaysValidation_butStartsTheQueryService() throws SQLException {
        TestDatabase database = database("reworded_released");
        migratedByTheRelease(database);
        assertThatThrownBy(() -> readModelFlyway(database).validate()).isInstanceOf(FlywayValidateException.class);

        try (ConfigurableApplicationContext service = start(database)) {
            assertThat(service.isRunning()).isTrue();
        }

        MigrationInfo[] applied = readModelFlyway(database).info().applied();
        RewordedMigrations.REWORDED.forEach((version, checksums) -> assertThat(Arrays.stream(applied)
                .filter(m -> m.getVersion() != null && m.getVersion().getVersion().equals(version)).findFirst().orElseThrow().getChecksum())
                .as("checksum recorded for V%s", version).isEqualTo(checksums.current()));
        readModelFlyway(database).validate();
    }

    @Test
    void anyOtherChecksum_stillStopsTheStart() throws SQLException {
        TestDatabase database = database("reworded_other");
        readModelFlyway(database).migrate();
        setChecksum(database, "2", 12345);

        Flyway flyway = readModelFlyway(database);
        assertThat(RewordedMigrations.acceptRewordedComments(flyway)).isZero();
        assertThatThrownBy(() -> new RewordedMigrations().migrateAcceptingRewordedComments().migrate(flyway))
                .isInstanceOf(FlywayValidateException.class);
    }

    @Test
    void aFreshDatabase_isMigratedAsEver() {
        TestDatabase database = database("reworded_fresh");
        Flyway flyway = readModelFlyway(database);
        new RewordedMigrations().migrateAcceptingRewordedComments().migrate(flyway);
        assertThat(flyway.info().pending()).isEmpty();
        flyway.validate();
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private static TestDatabase database(String name) {
        TestDatabase database = QueryServiceDatabase.withEventStore(name);
        DATABASES.add(database);
        return database;
    }

    /** The read-model schema as the released query-service left it: applied, with the released checksums. */
    private static void migratedByTheRelease(TestDatabase database) throws SQLException {
        readModelFlyway(database).migrate();
        for (Map.Entry<String, RewordedMigrations.Reworded> migration : RewordedMigrations.REWORDED.entrySet()) {
            setChecksum(database, migration.getKey(), migration.getValue().released());
        }
    }

    private static void setChecksum(TestDatabase database, String version, int checksum) throws SQLException {
        try (Connection connection = database.connect(); Statement update = connection.createStatement()) {
            assertThat(update.executeUpdate("UPDATE read_model.flyway_schema_history SET checksum = " + checksum
                                            + " WHERE version = '" + version + "'")).isEqualTo(1);
        }
    }

    /** Configured as the query-service configures it (application.yml, spring.flyway). */
    private static Flyway readModelFlyway(TestDatabase database) {
        return Flyway.configure()
                     .dataSource(database.jdbcUrl(), database.username(), database.password())
                     .schemas("read_model").defaultSchema("read_model").createSchemas(true)
                     .locations("classpath:db/migration")
                     .load();
    }

    /** The query-service itself, as an operator starts it, on the database (on a free port). */
    private static ConfigurableApplicationContext start(TestDatabase database) {
        return SpringApplication.run(QueryServiceApplication.class, "--server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--tiekartta.jwt.secret=" + TestTokens.SECRET);
    }
}
