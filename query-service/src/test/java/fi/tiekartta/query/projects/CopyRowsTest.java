package fi.tiekartta.query.projects;

import fi.tiekartta.query.QueryServiceTestBase;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rows written by binary COPY are stored exactly as the live projection's INSERTs store the same values (PgJDBC's
 * conversions of {@code Timestamp.from}, {@code Date.valueOf}, strings cast to jsonb).
 */
class CopyRowsTest extends QueryServiceTestBase {

    private static final CopyRows.Layout LAYOUT = CopyRows.Layout.of(
            "n integer, t text, b bigint, i integer, d date, at timestamp with time zone, jb jsonb");

    @Autowired
    private DataSource dataSource;

    @Test
    void copiedRows_areStoredAsTheLiveInsertsStoreThem() throws SQLException {
        Random random = new Random(11);
        List<Object[]> rows = new ArrayList<>();
        String[] texts = {"plain", "tab\tnew line\nreturn\rback\\slash", "ääkkösiä ja 🚧", "", "\\N"};
        for (int n = 0; n < 2_000; n++) {
            long seconds = random.nextLong(-2_208_988_800L, 7_258_118_400L); // years 1900..2199
            int nanos = switch (n % 5) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                case 3 -> random.nextInt(1_000_000) * 1_000 + 500; // half a microsecond: rounded up, as PgJDBC does
                default -> random.nextInt(1_000_000_000);
            };
            boolean nulls = n % 7 == 0;
            String text = texts[n % texts.length];
            rows.add(new Object[]{n, nulls ? null : n % 2 == 0 ? text : text.getBytes(StandardCharsets.UTF_8), nulls ? null : random.nextLong(),
                                  nulls ? null : random.nextInt(), nulls ? null : LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L)),
                                  nulls ? null : Instant.ofEpochSecond(seconds, nanos),
                                  nulls ? null : n % 2 == 0 ? "{\"b\": [1, 2.50], \"a\": \"" + (n % 3 == 0 ? "ä\\n" : "x") + "\"}"
                                                            : "{\"z\": {\"y\": null}, \"a\": " + n + "}"});
        }
        rows.add(new Object[]{-1, "x", 1L, 1, LocalDate.of(2024, 2, 29), Instant.parse("2024-12-31T23:59:59.999999500Z"), "[]"});
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false); // rolled back: the pooled connection keeps no temporary tables
            try {
                compare(c, s, rows);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    private static void compare(Connection c, Statement s, List<Object[]> rows) throws SQLException {
        s.execute("CREATE TEMP TABLE copied (n integer, t text, b bigint, i integer, d date, at timestamptz, jb jsonb)");
        s.execute("CREATE TEMP TABLE inserted (LIKE copied)");
        CopyRows copied = new CopyRows(LAYOUT);
        rows.forEach(copied::row);
        copied.sendTo(c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "COPY copied (" + LAYOUT.columnNames() + ") FROM STDIN WITH (FORMAT binary)"));
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO inserted VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)")) {
            for (Object[] row : rows) {
                insert.setInt(1, (Integer) row[0]);
                insert.setString(2, row[1] instanceof byte[] utf8 ? new String(utf8, StandardCharsets.UTF_8) : (String) row[1]);
                insert.setObject(3, row[2], Types.BIGINT);
                insert.setObject(4, row[3], Types.INTEGER);
                insert.setObject(5, row[4] == null ? null : Date.valueOf((LocalDate) row[4]), Types.DATE);
                if (row[5] == null) {
                    insert.setNull(6, Types.TIMESTAMP);
                } else {
                    insert.setTimestamp(6, Timestamp.from((Instant) row[5]));
                }
                insert.setString(7, (String) row[6]);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        String differing = "SELECT count(*) FROM (SELECT n, t, b, i, d, at, jb FROM %s"
                           + " EXCEPT SELECT n, t, b, i, d, at, jb FROM %s) d";
        assertThat(count(s, "SELECT count(*) FROM copied")).isEqualTo(rows.size());
        assertThat(count(s, differing.formatted("copied", "inserted"))).isZero();
        assertThat(count(s, differing.formatted("inserted", "copied"))).isZero();
        assertThat(count(s, "SELECT count(*) FROM copied WHERE at = '2025-01-01T00:00:00Z'")).isOne();
    }

    @Test
    void rowsAddedInOrder_areStoredInThatOrder_rowsOfTheSameOrderAsAdded() throws SQLException {
        Random random = new Random(5);
        String columns = "n integer, t text";
        CopyRows copied = new CopyRows(CopyRows.Layout.of(columns));
        List<long[]> added = new ArrayList<>(); // order, n
        for (int n = 0; n < 500; n++) {
            long order = random.nextInt(-20, 20) * (n % 3 == 0 ? 1L << 40 : 1L);
            copied.rowInOrder(order, n, "rivi " + "x".repeat(n % 17));
            added.add(new long[]{order, n});
        }
        List<Integer> expected = added.stream().sorted(java.util.Comparator.comparingLong(a -> a[0])) // stable
                                      .map(a -> (int) a[1]).toList();
        assertThat(expected).as("the order differs from the order added").isNotEqualTo(expected.stream().sorted().toList());
        assertThat(stored(columns, copied, "n || ' ' || t"))
                .isEqualTo(expected.stream().map(n -> n + " rivi " + "x".repeat(n % 17)).toList());
        CopyRows.Layout layout = CopyRows.Layout.of(columns);
        assertThatThrownBy(() -> new CopyRows(layout).row(1, "a").rowInOrder(0, 2, "b")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new CopyRows(layout).rowInOrder(0, 1, "a").row(2, "b")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRowRefusedMidway_leavesNothingOfItself() throws SQLException {
        String columns = "n integer, t text, i integer";
        CopyRows.Layout layout = CopyRows.Layout.of(columns);
        CopyRows ordered = new CopyRows(layout).rowInOrder(2, 1, "yksi", 1);
        // the third value is not an Integer: refused after the first two were written
        assertThatThrownBy(() -> ordered.rowInOrder(0, 2, "kaksi", "kolme")).isInstanceOf(ClassCastException.class);
        ordered.rowInOrder(1, 3, "kolme", 3);
        CopyRows unordered = new CopyRows(layout).row(1, "yksi", 1);
        assertThatThrownBy(() -> unordered.row(2, "kaksi", "kolme")).isInstanceOf(ClassCastException.class);
        unordered.row(3, "kolme", 3);
        assertThat(stored(columns, ordered, "n || ' ' || t || ' ' || i")).containsExactly("3 kolme 3", "1 yksi 1");
        assertThat(stored(columns, unordered, "n || ' ' || t || ' ' || i")).containsExactly("1 yksi 1", "3 kolme 3");
    }

    @Test
    void rowsOverManySegments_areStoredWhole_asAddedAndInOrder() throws SQLException {
        String columns = "n integer, t text, b bigint";
        CopyRows.Layout layout = CopyRows.Layout.of(columns);
        CopyRows unordered = new CopyRows(layout);
        CopyRows ordered = new CopyRows(layout);
        List<String> added = new ArrayList<>();
        List<long[]> orders = new ArrayList<>(); // order, index in added
        // The header is 19 bytes, then a row's field count 2, the integer 8, the text's length 4 and the bigint 12
        // (lengths included): with a first text of a segment less 38 bytes, the first segment ends after the first
        // byte of that row's bigint, whose bytes all differ.
        List<String> texts = new ArrayList<>(List.of("a".repeat(CopyRows.SEGMENT_BYTES - 38)));
        texts.add("ä".repeat(CopyRows.SEGMENT_BYTES)); // longer than a segment: over two segments' ends
        for (int length = 0; texts.size() < 3_000; length = (length + 7) % 401) {
            texts.add("c".repeat(length)); // every offset of a row at the next segments' ends
        }
        for (int n = 0; n < texts.size(); n++) {
            String text = texts.get(n);
            long order = (n * 7919L) % 13;
            long b = (n + 1) * 0x0102030405060708L;
            unordered.row(n, text, b);
            ordered.rowInOrder(order, n, text, b);
            added.add(n + " " + md5(text) + " " + b);
            orders.add(new long[]{order, n});
            if (n == 1_000) { // refused after its text, which crosses a segment's end: none of it is sent
                String across = "d".repeat(CopyRows.SEGMENT_BYTES / 2);
                assertThatThrownBy(() -> unordered.row(-1, across, "not a number")).isInstanceOf(ClassCastException.class);
                assertThatThrownBy(() -> ordered.rowInOrder(0, -1, across, "not a number")).isInstanceOf(ClassCastException.class);
            }
        }
        assertThat(unordered.length()).as("bytes held").isGreaterThan(8 * CopyRows.SEGMENT_BYTES);
        String shown = "n || ' ' || md5(t) || ' ' || b";
        assertThat(stored(columns, unordered, shown)).isEqualTo(added);
        List<String> expected = orders.stream().sorted(java.util.Comparator.comparingLong(a -> a[0])) // stable
                                      .map(a -> added.get((int) a[1])).toList();
        assertThat(stored(columns, ordered, shown)).isEqualTo(expected);
    }

    private static String md5(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                                                              .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The rows as a binary COPY into a temporary table of these columns stores them, each shown as {@code shown} says,
     * in the table's order.
     */
    private List<String> stored(String columns, CopyRows rows, String shown) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false); // rolled back: the pooled connection keeps no temporary tables
            try {
                s.execute("CREATE TEMP TABLE stored (" + columns + ")");
                rows.sendTo(c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "COPY stored (" + CopyRows.Layout.of(columns).columnNames() + ") FROM STDIN WITH (FORMAT binary)"));
                List<String> stored = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT " + shown + " FROM stored ORDER BY ctid")) {
                    while (rs.next()) {
                        stored.add(rs.getString(1));
                    }
                }
                return stored;
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    @Test
    void aLayout_namesTheColumnsWhoseTypeDiffersInTheTable() {
        CopyRows.Layout layout = CopyRows.Layout.of("id text, state text, at timestamp with time zone");
        assertThat(layout.columnNames()).isEqualTo("id, state, at");
        assertThat(layout.mismatches(Map.of("id", "text", "state", "text", "at", "timestamp with time zone", "more", "date"))).isEmpty();
        assertThat(layout.mismatches(Map.of("id", "text", "state", "json"))).containsExactly("state: text, json", "at: timestamp with time zone, null");
        assertThatThrownBy(() -> CopyRows.Layout.of("id uuid")).hasMessageContaining("uuid");
        assertThatThrownBy(() -> new CopyRows(layout).row("only one")).hasMessageContaining("3 columns");
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
