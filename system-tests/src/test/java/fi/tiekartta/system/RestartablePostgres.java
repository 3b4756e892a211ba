package fi.tiekartta.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A PostgreSQL server of this test's own, which it may stop and start again on the same port and data — the
 * machine's shared server must not be restarted under other work.
 */
final class RestartablePostgres implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres server;

    RestartablePostgres() {
        try {
            this.dataDirectory = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "pg-restart-");
            try (ServerSocket socket = new ServerSocket(0)) {
                this.port = socket.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
        execute("CREATE DATABASE tiekartta");
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/tiekartta";
    }

    void start() {
        try {
            server = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDirectory)
                                     .setCleanDataDirectory(false).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void stop() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "");
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                                                                 "postgres", "")) {
            connection.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
