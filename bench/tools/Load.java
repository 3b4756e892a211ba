import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
            long sent = System.nanoTime();
            inFlight.add(HTTP.sendAsync(request(commands + "/api/projects/BE-" + project + "/status-changes", token, body),
                                        HttpResponse.BodyHandlers.discarding())
                             .handle((response, failure) -> {
                                 // A request without an answer (connect or request timeout) is counted as -1, not
                                 // thrown: on a saturated machine the figures are still worth printing.
                                 latencies.add(System.nanoTime() - sent);
                                 statuses.computeIfAbsent(response == null ? -1 : response.statusCode(),
                                                          s -> new AtomicInteger()).incrementAndGet();
                                 return null;
                             }));
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
}
