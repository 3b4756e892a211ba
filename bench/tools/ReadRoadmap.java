import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The roadmap's own SQL through plain JDBC: what GET /api/roadmap cannot beat. The query is the one
 * ProjectViewTable.visibleAt runs for the whole roadmap (no sector, no status, no order), read from the
 * query-service's class so that it cannot drift from it; every row and every column it returns is read, all rows
 * at once (no fetch size) and each run in a transaction of its own, as the service reads them.
 *
 * <pre>java -cp &lt;query-service classes and libs&gt; ReadRoadmap.java JDBC_URL USER AS_OF RUNS [FIRST_DAY DAYS]</pre>
 *
 * Prints the first run's time and p50 / p95 of the further runs, known now: each on AS_OF, or, with FIRST_DAY and
 * DAYS, each on a random one of those days, as bench/lua/get.lua asks the roadmap not kept. The two differ by more
 * than the day: one day's rows are soon in PostgreSQL's shared buffers, random days' rows are read from further away.
 */
public class ReadRoadmap {

    public static void main(String[] args) throws Exception {
        if (args.length != 4 && args.length != 6) {
            throw new IllegalArgumentException("usage: ReadRoadmap.java JDBC_URL USER AS_OF RUNS [FIRST_DAY DAYS]");
        }
        LocalDate asOf = LocalDate.parse(args[2]);
        int runs = Integer.parseInt(args[3]);
        LocalDate firstDay = args.length == 6 ? LocalDate.parse(args[4]) : null;
        int days = args.length == 6 ? Integer.parseInt(args[5]) : 0;
        if (firstDay != null && days < 1) {
            throw new IllegalArgumentException("DAYS must be at least 1, not " + days);
        }
        Random random = new Random();
        Field visible = Class.forName("fi.tiekartta.query.projects.ProjectViewTable").getDeclaredField("VISIBLE");
        visible.setAccessible(true);
        String sql = ((String) visible.get(null)).formatted("", "");
        try (Connection connection = DriverManager.getConnection(args[0], args[1], "");
             PreparedStatement query = connection.prepareStatement(sql)) {
            connection.setAutoCommit(false);
            long rows = 0;
            long bytes = 0;
            double first = 0;
            List<Double> times = new ArrayList<>();
            for (int run = 0; run <= runs; run++) {
                OffsetDateTime known = OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
                // The parameters in the order ProjectViewTable.visible binds them without further conditions.
                LocalDate day = firstDay == null ? asOf : firstDay.plusDays(random.nextInt(days));
                Object[] parameters = {known, day, known, known, day, known, known, known};
                for (int i = 0; i < parameters.length; i++) {
                    query.setObject(i + 1, parameters[i]);
                }
                long started = System.nanoTime();
                rows = 0;
                bytes = 0;
                try (ResultSet rs = query.executeQuery()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        byte[] state = rs.getBytes(1); // as the service reads it: the text's bytes, no String decoded
                        rs.getLong(2);
                        rs.getObject(3, OffsetDateTime.class);
                        for (int column = 4; column <= columns; column++) {
                            rs.getString(column);
                        }
                        bytes += state.length;
                        rows++;
                    }
                }
                connection.commit();
                double ms = (System.nanoTime() - started) / 1e6;
                if (run == 0) {
                    first = ms;
                } else {
                    times.add(ms);
                }
            }
            Collections.sort(times);
            System.out.printf("RESULT rows=%d state_mb=%.1f first_ms=%.1f p50_ms=%.1f p95_ms=%.1f runs=%d%n", rows, bytes / 1e6,
                              first, percentile(times, 50), percentile(times, 95), runs);
        }
    }

    private static double percentile(List<Double> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
