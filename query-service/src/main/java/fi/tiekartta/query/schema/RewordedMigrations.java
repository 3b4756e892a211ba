package fi.tiekartta.query.schema;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * Lets a database migrated by an earlier release start although the comments of two applied migrations were
 * reworded since. Flyway's checksum of a migration covers its comments too, and Flyway refuses to start on a
 * database whose recorded checksum differs from the file's. The first comment line of V2 and V4 was reworded
 * (their statements are unchanged), so before migrating this replaces exactly the checksums those two files had
 * when released, of exactly those versions, with the current ones. Any other mismatch still stops the start,
 * as Flyway intends: an edited statement, an unknown checksum, another version.
 *
 * <p>A migration's comment is never to be reworded again without adding its released checksum here
 * ({@code RewordedMigrationsTest} fails until the current checksums below match the files).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class RewordedMigrations {

    private static final Logger log = LoggerFactory.getLogger(RewordedMigrations.class);

    /** The checksum a migration's file had when released, and the one it has now. */
    record Reworded(int released, int current) {
    }

    /** By version. Computed by Flyway from the files as released and as they are now. */
    static final Map<String, Reworded> REWORDED = Map.of(
            "2", new Reworded(-1987237091, -1873618859),
            "4", new Reworded(-549254977, 120005677));

    @Bean
    public FlywayMigrationStrategy migrateAcceptingRewordedComments() {
        return flyway -> {
            acceptRewordedComments(flyway);
            flyway.migrate();
        };
    }

    /** @return how many recorded checksums were replaced (0 on a fresh or an already current database) */
    public static int acceptRewordedComments(Flyway flyway) {
        Configuration configuration = flyway.getConfiguration();
        String schema = configuration.getDefaultSchema() != null ? configuration.getDefaultSchema()
                                                                  : configuration.getSchemas()[0];
        String history = quoted(schema) + "." + quoted(configuration.getTable());
        try (Connection connection = configuration.getDataSource().getConnection()) {
            if (!exists(connection, history)) {
                return 0; // nothing migrated yet
            }
            int replaced = 0;
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE " + history + " SET checksum = ? WHERE version = ? AND checksum = ?")) {
                for (Map.Entry<String, Reworded> migration : REWORDED.entrySet()) {
                    update.setInt(1, migration.getValue().current());
                    update.setString(2, migration.getKey());
                    update.setInt(3, migration.getValue().released());
                    int rows = update.executeUpdate();
                    if (rows > 0) {
                        log.info("Migration V{} was applied from its released file, whose comment has been reworded "
                                 + "since; its recorded checksum {} is replaced by {}", migration.getKey(),
                                 migration.getValue().released(), migration.getValue().current());
                    }
                    replaced += rows;
                }
            }
            return replaced;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check the schema history " + history + " for reworded migrations", e);
        }
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement check = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            check.setString(1, table);
            try (ResultSet rs = check.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
