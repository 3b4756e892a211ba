package fi.tiekartta.query.audit;

import fi.tiekartta.query.QueryServiceDatabase;
import fi.tiekartta.testsupport.TestDatabase;
import org.axonframework.common.DateTimeUtils;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heads as known at an instant are each stream's last event recorded by then, whichever way they are found: by
 * one probe where the store keeps a stream's time stamps in order, by walking back where it does not (V7). Checked
 * against the definition, computed here from every stored row, on streams of every kind the store can hold.
 */
class StreamHeadsAtInstantTest {

    private static final TestDatabase DATABASE = TestDatabase.create("stream_heads_at");
    /** The time stamps V5 counts as recorded (event_store.recorded_instant); any other is recorded at no instant. */
    private static final Pattern RECORDED = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?Z");

    private final JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(DATABASE.jdbcUrl(), DATABASE.username(),
                                                                                   DATABASE.password()));
    private final StreamHeads heads = new StreamHeads(jdbc);

    @BeforeEach
    void noStore() {
        jdbc.execute("DROP SCHEMA IF EXISTS event_store CASCADE"); // with Flyway's history: each test migrates anew
    }

    @AfterAll
    static void drop() {
        DATABASE.drop();
    }

    @Test
    void onRandomStreams_theHeadsAtEveryInstant_areTheLastEventsRecordedByThen() {
        flyway("latest").migrate();
        Random random = new Random(20261202);
        for (int round = 0; round < 3; round++) {
            List<Row> rows = randomStreams(random, "R" + round + "-", 40);
            insertInStatements(rows, random);
            assertHeadsAtEveryInstant();
        }
        Map<String, Boolean> flags = flags();
        assertThat(flags).as("both kinds of streams, so that both ways are checked").containsValue(true).containsValue(false);
    }

    @Test
    void anEventInsertedBelowTheHead_putsTheStreamOutOfOrder_andLeavesTheHead() {
        flyway("latest").migrate();
        insert(List.of(row("G", 0, "2024-01-01T10:00:00.000Z"), row("G", 1, "2024-01-02T10:00:00.000Z"),
                       row("G", 4, "2024-01-05T10:00:00.000Z")));
        assertThat(flags()).containsEntry("G", true);

        insert(List.of(row("G", 2, "2024-01-06T10:00:00.000Z")));

        assertThat(flags()).containsEntry("G", false);
        assertThat(jdbc.queryForObject("SELECT last_sequence FROM event_store.stream_head WHERE aggregate_identifier = 'G'", Long.class))
                .isEqualTo(4);
        assertHeadsAtEveryInstant();
    }

    @Test
    void aWriterWaitingForAnother_comparesWithTheHeadItCommitted() throws Exception {
        flyway("latest").migrate();
        insert(List.of(row("K", 0, "2024-01-01T10:00:00.000Z"), row("K", 1, "2024-01-02T10:00:00.000Z")));
        try (Connection first = DriverManager.getConnection(DATABASE.jdbcUrl(), DATABASE.username(), DATABASE.password())) {
            first.setAutoCommit(false);
            try (PreparedStatement out = first.prepareStatement(INSERT + VALUES)) {
                List<Object> values = values(row("K", 2, "2024-01-01T12:00:00.000Z")); // earlier than the event before
                for (int i = 0; i < values.size(); i++) {
                    out.setObject(i + 1, values.get(i));
                }
                out.executeUpdate();
            }
            // The second writer's statement starts while the first has not committed; its trigger waits for the head.
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> insert(List.of(row("K", 3, "2024-01-03T10:00:00.000Z"))));
            Thread.sleep(300);
            assertThat(second).as("waiting for the first writer's head").isNotDone();
            first.commit();
            second.get(10, TimeUnit.SECONDS);
        }
        assertThat(flags()).containsEntry("K", false);
        assertHeadsAtEveryInstant();
    }

    private static final String INSERT = "INSERT INTO event_store.domain_event_entry (event_identifier, aggregate_identifier,"
                                         + " sequence_number, type, time_stamp, payload_type, payload, event_hash) VALUES ";
    /** A row's values, in the order {@link #values} gives them. */
    private static final String VALUES = "(?, ?, ?, 'Project', ?, 'x', '{}', ?)";

    private static List<Object> values(Row r) {
        return List.of(r.stream() + "/" + r.sequence(), r.stream(), r.sequence(), r.stamp(), r.hash());
    }

    @Test
    void theStreamsStoredBeforeTheMigration_getTheFlagTheirStampsDeserve() {
        flyway("6").migrate();
        insert(List.of(row("A", 0, "2024-01-01T10:00:00.000Z"), row("A", 1, "2024-01-01T10:00:00.000Z"),
                       row("A", 2, "2024-03-01T10:00:00.123Z")));
        insert(List.of(row("B", 0, "2024-01-02T10:00:00.000Z"), row("B", 1, "2024-01-01T10:00:00.000Z")));
        insert(List.of(row("C", 0, "2024-01-02T10:00:00.000Z"), row("C", 1, "2024-01-03T10:00:00Z")));
        insert(List.of(row("D", 0, "2024-01-02T10:00:00.000Z"), row("D", 1, "2024-01-03T24:00:00.000Z")));
        // Its head row made by its later events: the first event's time stamp the head keeps is not the stream's first.
        insert(List.of(row("E", 3, "2024-01-05T10:00:00.000Z")));
        insert(List.of(row("E", 0, "2024-01-02T10:00:00.000Z"), row("E", 1, "2024-01-03T10:00:00.000Z"),
                       row("E", 2, "2024-01-04T10:00:00.000Z")));

        flyway("latest").migrate();

        assertThat(flags()).isEqualTo(Map.of("A", true, "B", false, "C", false, "D", false, "E", true));
        assertHeadsAtEveryInstant();
        insert(List.of(row("A", 3, "2024-02-01T10:00:00.000Z")));
        assertThat(flags()).as("a time stamp earlier than the head's").containsEntry("A", false);
        assertHeadsAtEveryInstant();
    }

    @Test
    void anInstantsTimeStamp_isAxonsFormToTheMillisecond_andTheFormsEndsOutsideItsYears() {
        assertThat(StreamHeads.stampBound(Instant.parse("2025-02-15T00:00:00Z"))).isEqualTo("2025-02-15T00:00:00.000Z");
        assertThat(StreamHeads.stampBound(Instant.parse("2025-02-15T08:09:10.123999Z"))).isEqualTo("2025-02-15T08:09:10.123Z");
        assertThat(StreamHeads.stampBound(Instant.parse("-0001-12-31T23:59:59.999Z"))).isEmpty();
        assertThat(StreamHeads.stampBound(Instant.parse("+10000-01-01T00:00:00Z"))).isEqualTo("9999-12-31T23:59:59.999Z");
        assertThat(StreamHeads.stampBound(Instant.MAX)).isEqualTo("9999-12-31T23:59:59.999Z");
        for (String at : List.of("0005-03-04T05:06:07.008Z", "0999-12-31T23:59:59.999Z", "2024-02-29T00:00:00Z",
                                 "9999-12-31T23:59:59.999Z")) {
            assertThat(StreamHeads.stampBound(Instant.parse(at))).as(at).isEqualTo(axon(Instant.parse(at)));
        }
    }

    private record Row(String stream, long sequence, String stamp, String hash) {
    }

    /** A row with a hash of the store's form, its own (the heads are checked by their hashes too). */
    private static Row row(String stream, long sequence, String stamp) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((stream + "#" + sequence).getBytes(StandardCharsets.UTF_8));
            return new Row(stream, sequence, stamp, HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Streams of each kind: stamps in order (some equal), one stamp earlier than the one before, one not in Axon's
     * form (no fraction, or another number of digits), and a stream of one event. Each stream's rows in sequence order.
     */
    private static List<Row> randomStreams(Random random, String prefix, int count) {
        List<Row> rows = new ArrayList<>();
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        for (int s = 0; s < count; s++) {
            String stream = prefix + s;
            int events = 1 + random.nextInt(10);
            int kind = random.nextInt(4); // 0, 1: in order; 2: one stamp earlier than the one before; 3: one in another form
            int odd = random.nextInt(events);
            Instant at = start.plusMillis(random.nextInt(50));
            Instant before = at;
            for (int i = 0; i < events; i++) {
                at = at.plusMillis(random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(40));
                Instant stamped = kind == 2 && i == odd && i > 0 ? before.minusMillis(1 + random.nextInt(30)) : at;
                String stamp = kind == 3 && i == odd ? otherForm(stamped, random) : axon(stamped);
                rows.add(row(stream, i, stamp));
                before = stamped;
            }
        }
        return rows;
    }

    /** A time stamp as Axon's JDBC engine writes it. */
    private static String axon(Instant at) {
        return DateTimeUtils.formatInstant(at);
    }

    private static String otherForm(Instant at, Random random) {
        String seconds = axon(at).substring(0, 19);
        return switch (random.nextInt(3)) {
            case 0 -> seconds + "Z";
            case 1 -> seconds + "." + (at.getNano() / 100_000_000) + "Z";
            default -> seconds + "." + String.format("%06d", at.getNano() / 1_000) + "Z";
        };
    }

    /** Each stream's rows in sequence order, the streams interleaved, in statements of one to four rows. */
    private void insertInStatements(List<Row> rows, Random random) {
        Map<String, List<Row>> byStream = new TreeMap<>();
        rows.forEach(r -> byStream.computeIfAbsent(r.stream(), k -> new ArrayList<>()).add(r));
        List<List<Row>> queues = new ArrayList<>(byStream.values());
        List<Row> statement = new ArrayList<>();
        while (!queues.isEmpty()) {
            List<Row> queue = queues.get(random.nextInt(queues.size()));
            statement.add(queue.remove(0));
            if (queue.isEmpty()) {
                queues.remove(queue);
            }
            if (statement.size() == 1 + random.nextInt(4) || queues.isEmpty()) {
                insert(statement);
                statement = new ArrayList<>();
            }
        }
    }

    /** One INSERT statement of these rows (the heads' trigger runs once for the statement). */
    private void insert(List<Row> rows) {
        StringBuilder sql = new StringBuilder(INSERT);
        List<Object> values = new ArrayList<>();
        for (Row r : rows) {
            sql.append(values.isEmpty() ? "" : ", ").append(VALUES);
            values.addAll(values(r));
        }
        jdbc.update(sql.toString(), values.toArray());
    }

    /**
     * At every stored time stamp's instant, a microsecond and a millisecond either side, and before and after all:
     * the heads found equal each stream's event of the highest sequence recorded by then, with its stored hash.
     */
    private void assertHeadsAtEveryInstant() {
        List<Row> stored = jdbc.query("SELECT aggregate_identifier, sequence_number, time_stamp, event_hash FROM event_store.domain_event_entry",
                                      (rs, i) -> new Row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
        TreeSet<Instant> instants = new TreeSet<>(List.of(Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2100-01-01T00:00:00Z")));
        for (Row r : stored) {
            if (RECORDED.matcher(r.stamp()).matches()) {
                Instant at = Instant.parse(r.stamp());
                Collections.addAll(instants, at, at.minusNanos(1_000), at.plusNanos(1_000), at.minusMillis(1), at.plusMillis(1));
            }
        }
        for (Instant knownAt : instants) {
            Map<String, ChainVerification.Head> expected = new TreeMap<>();
            for (Row r : stored) {
                if (RECORDED.matcher(r.stamp()).matches() && !Instant.parse(r.stamp()).isAfter(knownAt)
                    && (!expected.containsKey(r.stream()) || expected.get(r.stream()).sequence() < r.sequence())) {
                    expected.put(r.stream(), new ChainVerification.Head(r.stream(), r.sequence(), r.hash(), r.hash()));
                }
            }
            List<ChainVerification.Head> found = heads.at(knownAt);
            assertThat(found).as("the heads at %s", knownAt).containsExactlyInAnyOrderElementsOf(expected.values());
        }
    }

    private Map<String, Boolean> flags() {
        Map<String, Boolean> flags = new TreeMap<>();
        jdbc.query("SELECT aggregate_identifier, stamps_in_order FROM event_store.stream_head",
                   rs -> {
                       flags.put(rs.getString(1), rs.getBoolean(2));
                   });
        return flags;
    }

    private static Flyway flyway(String target) {
        return QueryServiceDatabase.migrations(DATABASE, "event_store", "classpath:db/event-store", target);
    }
}
