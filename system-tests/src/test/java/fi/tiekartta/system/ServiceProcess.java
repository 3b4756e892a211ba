package fi.tiekartta.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One service started from its packaged jar as a separate operating-system process, configured only by the
 * environment variables the README names ("Running it elsewhere"), exactly as an operator would start it.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Path log;
    private final int port;
    private final Process process;

    private ServiceProcess(String name, Path log, int port, Process process) {
        this.name = name;
        this.log = log;
        this.port = port;
        this.process = process;
    }

    public static ServiceProcess start(String name, String jarProperty, String jdbcUrl, String user, String password,
                                       String jwtSecret) {
        return start(name, jarProperty, jdbcUrl, user, password, jwtSecret, Map.of());
    }

    /** @param moreEnvironment further settings, as an operator would add them (e.g. TIEKARTTA_PUBLIC_ENABLED) */
    public static ServiceProcess start(String name, String jarProperty, String jdbcUrl, String user, String password,
                                       String jwtSecret, Map<String, String> moreEnvironment) {
        return start(name, jarProperty, freePort(), jdbcUrl, user, password, jwtSecret, moreEnvironment);
    }

    /** @param port where it listens: chosen ahead ({@link #freePort()}) when another service must be told it */
    public static ServiceProcess start(String name, String jarProperty, int port, String jdbcUrl, String user,
                                       String password, String jwtSecret, Map<String, String> moreEnvironment) {
        String jar = System.getProperty(jarProperty);
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException(name + " jar not found at " + jar + " (run the build's package phase first)");
        }
        Path log = Path.of("target", name + "-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", jar));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("SPRING_DATASOURCE_URL", jdbcUrl);
        env.put("SPRING_DATASOURCE_USERNAME", user);
        env.put("SPRING_DATASOURCE_PASSWORD", password);
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("TIEKARTTA_JWT_SECRET", jwtSecret);
        env.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        env.putAll(moreEnvironment);
        try {
            return new ServiceProcess(name, log, port, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits until {@code /actuator/health} says UP; on failure the message carries the end of the log. */
    public ServiceProcess awaitHealthy(Duration patience) {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpResponse<String> health = client.send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " was not healthy within " + patience + ":\n" + logTail());
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGKILL: no shutdown hook, no graceful stop, whatever is in flight is cut off. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
