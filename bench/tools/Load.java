import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP load for bench/run.sh, with nothing but the JDK.
 * <pre>
 * java Load.java register COMMAND_URL TOKEN PROJECTS CONCURRENCY
 *     registers projects BE-1 .. BE-PROJECTS (sectors in turn)
 * java Load.java steady COMMAND_URL QUERY_URL TOKEN PROJECTS RATE SECONDS
 *     status changes at a fixed rate (open loop: one every 1/RATE s, whatever the answers take; answers counted
 *     by status, -1 for none) over the projects; then reads the query-service's histogram of "applied minus recorded" for the events of
 *     exactly that period (the difference of the histogram before and after) and prints its p50 / p99
 * </pre>
 * The steady load's changes go through {@link KeptAliveHttp}, not the JDK's {@code HttpClient}: the generator runs on
 * the machine it measures, and the JDK's client took 2.4-2.6 ms of CPU per change there beyond its start, more than the
 * command-service itself, which the services then lacked (docs/PERFORMANCE.md, "What changed on 2026-12-02 (day)").
 */
public class Load {

    private static final String[] SECTORS = {"KAUPUNKI", "ELINVOIMA", "HYVINVOINTI", "TEKNIIKKA", "LUPA_JA_VALVONTA",
                                             "YHTEISET_PALVELUT"};
    private static final String LAG_BUCKET = "tiekartta_projection_event_lag_seconds_bucket";
    private static final Pattern BUCKET = Pattern.compile(
            "^" + LAG_BUCKET + "\\{[^}]*processor=\"project-views\"[^}]*le=\"([^\"]+)\"[^}]*} ([0-9.eE+-]+)$");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "register" -> register(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "steady" -> steady(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                                    Integer.parseInt(args[6]));
            default -> throw new IllegalArgumentException("register or steady");
        }
    }

    private static void register(String commands, String token, int projects, int concurrency) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicInteger failed = new AtomicInteger();
        long started = System.nanoTime();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 1; i <= projects; i++) {
            int n = i;
            all.add(CompletableFuture.runAsync(() -> {
                String body = "{\"projectId\":\"BE-" + n + "\",\"sector\":\"" + SECTORS[n % SECTORS.length]
                              + "\",\"title\":\"Kuormitustesti " + n + "\",\"owner\":\"omistaja-" + (n % 50)
                              + "\",\"plannedStartYear\":2024,\"plannedEndYear\":2027}";
                int status = post(commands + "/api/projects", token, body).statusCode();
                if (status != 201) {
                    failed.incrementAndGet();
                }
            }, pool));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        pool.shutdown();
        System.out.printf("registered %d projects in %.1f s (%d not 201)%n", projects,
                          (System.nanoTime() - started) / 1e9, failed.get());
        if (failed.get() > 0) {
            System.exit(1);
        }
    }

    private static void steady(String commands, String queries, String token, int projects, int rate, int seconds)
            throws Exception {
        Map<Double, Double> before = lagBuckets(queries);
        long period = 1_000_000_000L / rate;
        int total = rate * seconds;
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        KeptAliveHttp client = new KeptAliveHttp(URI.create(commands));
        // A thread per change in flight: each waits for its answer on a connection of its own, however many are late.
        ExecutorService senders = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sender");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int project = 1 + ThreadLocalRandom.current().nextInt(projects);
            int percent = ThreadLocalRandom.current().nextInt(101);
            String body = "{\"status\":\"IN_PROGRESS\",\"progressPercent\":" + percent + ",\"note\":\"" + percent + " % TEHTY\"}";
            String path = "/api/projects/BE-" + project + "/status-changes";
            inFlight.add(CompletableFuture.runAsync(() -> {
                int status = client.post(path, token, body);
                // From when the change was due, not when a thread got to send it: a late start is the answer's
                // wait too (an open loop that measured from the send would hide its own stalls).
                latencies.add(System.nanoTime() - due);
                statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            }, senders));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        Thread.sleep(2_000); // the last events' projection, well inside any reasonable lag
        Map<Double, Double> after = lagBuckets(queries);

        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        long events = Math.round(count(after) - count(before));
        System.out.printf("RESULT sent=%d seconds=%.1f rate=%.1f answers=%s post_p50_ms=%.1f post_p99_ms=%.1f "
                          + "projected=%d lag_p50_ms=%.1f lag_p99_ms=%.1f%n",
                          total, elapsed, total / elapsed, new TreeMap<>(statuses).toString().replace(" ", ""), percentile(sorted, 50) / 1e6,
                          percentile(sorted, 99) / 1e6, events, quantile(before, after, 0.50) * 1000,
                          quantile(before, after, 0.99) * 1000);
    }

    /** Cumulative bucket counts by upper bound (seconds), +Inf as infinity. */
    private static Map<Double, Double> lagBuckets(String queries) throws IOException, InterruptedException {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(queries + "/actuator/prometheus")).build(),
                                                 HttpResponse.BodyHandlers.ofString());
        Map<Double, Double> buckets = new TreeMap<>();
        for (String line : metrics.body().split("\n")) {
            Matcher m = BUCKET.matcher(line);
            if (m.matches()) {
                double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
                buckets.put(le, Double.parseDouble(m.group(2)));
            }
        }
        if (buckets.isEmpty()) {
            throw new IllegalStateException("no " + LAG_BUCKET + " for project-views at " + queries);
        }
        return buckets;
    }

    private static double count(Map<Double, Double> buckets) {
        return buckets.get(Double.POSITIVE_INFINITY);
    }

    /** The q-quantile of the events counted between the two readings, interpolated within its bucket. */
    private static double quantile(Map<Double, Double> before, Map<Double, Double> after, double q) {
        double total = count(after) - count(before);
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lower = 0;
        double below = 0;
        for (Map.Entry<Double, Double> bucket : after.entrySet()) {
            double cumulative = bucket.getValue() - before.getOrDefault(bucket.getKey(), 0.0);
            if (cumulative >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lower;
                }
                double inBucket = cumulative - below;
                return lower + (bucket.getKey() - lower) * (inBucket == 0 ? 1 : (rank - below) / inBucket);
            }
            lower = bucket.getKey();
            below = cumulative;
        }
        return lower;
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static HttpRequest request(String url, String token, String body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpResponse<Void> post(String url, String token, String body) {
        try {
            return HTTP.send(request(url, token, body), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * HTTP/1.1 POSTs over kept-alive sockets, one request at a time on each: a request takes an idle connection or
     * opens one, and gives it back after reading the answer to its end (by Content-Length or chunked) unless the
     * server closes it. Only the status is kept.
     */
    static final class KeptAliveHttp {

        private final String host;
        private final int port;
        private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();

        KeptAliveHttp(URI base) {
            if (!"http".equals(base.getScheme()) || !(base.getRawPath() == null || base.getRawPath().isEmpty()
                                                       || base.getRawPath().equals("/"))) {
                throw new IllegalArgumentException("a plain http://host:port, without a path: " + base);
            }
            this.host = base.getHost();
            this.port = base.getPort() == -1 ? 80 : base.getPort();
        }

        /** The answer's status; -1 when there was none (connect or read timeout, connection lost). */
        int post(String path, String token, String body) {
            Connection connection = idle.poll();
            try {
                if (connection == null) {
                    connection = new Connection(host, port);
                }
                int status = connection.post(path, token, body);
                if (connection.keptAlive) {
                    idle.add(connection);
                } else {
                    connection.close();
                }
                return status;
            } catch (IOException | RuntimeException e) {
                if (connection != null) {
                    connection.close();
                }
                return -1;
            }
        }
    }

    private static final class Connection {

        private final String hostHeader;
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private boolean keptAlive = true;

        Connection(String host, int port) throws IOException {
            hostHeader = host + ":" + port;
            socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(host, port), 5_000);
                socket.setSoTimeout(30_000);
                out = new BufferedOutputStream(socket.getOutputStream(), 4096);
                in = new BufferedInputStream(socket.getInputStream(), 8192);
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
        }

        int post(String path, String token, String body) throws IOException {
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nAuthorization: Bearer " + token
                       + "\r\nContent-Type: application/json\r\nContent-Length: " + content.length + "\r\n\r\n")
                              .getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            String statusLine = line(); // HTTP/1.1 201 ...
            if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
                throw new IOException("not an HTTP/1.1 answer: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                    case "connection" -> keptAlive &= !value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            if (chunked) {
                for (long size = chunkSize(); size > 0; size = chunkSize()) {
                    in.skipNBytes(size);
                    if (!line().isEmpty()) {
                        throw new IOException("a chunk longer than its size");
                    }
                }
                while (!line().isEmpty()) {
                    // trailer fields, up to the empty line that ends the answer
                }
            } else if (length >= 0) {
                in.skipNBytes(length);
            } else {
                keptAlive = false; // the body ends when the server closes the connection: not read
            }
            return status;
        }

        private long chunkSize() throws IOException {
            String size = line();
            int extension = size.indexOf(';');
            return Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
        }

        /** A line of the answer's head, without its CRLF. */
        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c == -1) {
                    throw new EOFException("the connection closed inside an answer");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closed either way
            }
        }
    }
}
