package fi.tiekartta.query.projects;

import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Rows in PostgreSQL's binary COPY format, collected for one {@code COPY ... FROM STDIN (FORMAT binary)}. A rebuild
 * writes its tables this way: several times faster than batched INSERTs, and cheaper for the database than COPY's
 * text format, which it parses character by character and whose dates and timestamps it decodes from their text;
 * in binary each value comes as its stored form (jsonb as its version and text, which PostgreSQL still parses).
 *
 * <p>Binary COPY trusts the writer to send each column's type exactly: the {@link Layout} declares them, and
 * {@link Layout#mismatches} tells a rebuild before it writes anything whether the table still has those types.
 *
 * <p>Rows are sent as added, or, added with {@link #rowInOrder}, in the order given: a table filled by COPY stores
 * its rows in the order they come, so the order decides which rows share a page.
 *
 * <p>The bytes are held in segments of {@value #SEGMENT_BYTES} bytes, never in one array as large as the rows: G1
 * allocates an array of half a heap region or more (512 KB at the query-service's heap sizes) as a humongous object,
 * straight into the old generation, and each such allocation may start a concurrent marking cycle. A rebuild's
 * chunks of 2 MB, each grown into one array and copied once more to be sent in order, set off one such cycle after
 * another in some runs: five seconds and more of marking threads' CPU in a rebuild of 1,000,000 events
 * (docs/PERFORMANCE.md, "What changed on 2026-12-04 (evening)"). Segments also grow without copying what they hold.
 */
public final class CopyRows {

    /** "PGCOPY\n\377\r\n\0", then the flags (none) and the length of the header extension (none). */
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** A field count of -1 ends the data. */
    private static final byte[] TRAILER = {(byte) 0xff, (byte) 0xff};
    /** PostgreSQL counts dates and timestamps from 2000-01-01 (UTC for timestamptz). */
    private static final long POSTGRES_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final long POSTGRES_EPOCH_SECOND = POSTGRES_EPOCH_DAY * 86_400L;
    /** The jsonb binary format's version, before the text. */
    private static final byte JSONB_VERSION = 1;

    private static final int SEGMENT_SHIFT = 17;
    /** The size of each segment of the bytes: well below half of G1's smallest region (1 MB). */
    static final int SEGMENT_BYTES = 1 << SEGMENT_SHIFT;

    private final Layout layout;
    /** The bytes: byte number {@code n} is at {@code n % SEGMENT_BYTES} of segment {@code n / SEGMENT_BYTES}. */
    private final List<byte[]> segments = new ArrayList<>();
    private int size;
    private int rows;
    /** With {@link #rowInOrder}: where each row begins in the bytes, and its order; null while rows are unordered. */
    private int[] starts;
    private long[] orders;

    public CopyRows(Layout layout) {
        this.layout = layout;
        appendBytes(HEADER, 0, HEADER.length);
    }

    /** A row: one value per column of the layout, in its order, each of the column's Java type or null. */
    public CopyRows row(Object... fields) {
        if (starts != null) {
            throw new IllegalStateException("rows added with an order are sent in that order: every row needs one");
        }
        return append(fields);
    }

    /**
     * A row as {@link #row}, sent after the rows of lower {@code order} and before those of higher, rows of the same
     * order as they were added. Either every row of a collection is added with an order or none.
     */
    public CopyRows rowInOrder(long order, Object... fields) {
        if (starts == null && rows > 0) {
            throw new IllegalStateException("rows added without an order are sent as added: no row may have one");
        }
        int start = size;
        append(fields);
        if (starts == null) {
            starts = new int[64];
            orders = new long[64];
        } else if (rows > starts.length) {
            starts = Arrays.copyOf(starts, starts.length * 2);
            orders = Arrays.copyOf(orders, orders.length * 2);
        }
        starts[rows - 1] = start;
        orders[rows - 1] = order;
        return this;
    }

    private CopyRows append(Object[] fields) {
        if (fields.length != layout.types.length) {
            throw new IllegalArgumentException(fields.length + " values for the " + layout.types.length + " columns " + layout.columnNames());
        }
        int start = size;
        try {
            put((byte) (fields.length >>> 8));
            put((byte) fields.length);
            for (int i = 0; i < fields.length; i++) {
                field(layout.types[i], fields[i]);
            }
        } catch (RuntimeException e) {
            size = start; // a value of the wrong type: no half row is left to be sent with the next
            throw e;
        }
        rows++;
        return this;
    }

    private void field(Type type, Object value) {
        if (value == null) {
            int32(-1);
            return;
        }
        switch (type) {
            case TEXT -> {
                if (value instanceof byte[] utf8) {
                    utf8(utf8, false);
                } else {
                    text(value.toString(), false);
                }
            }
            case JSONB -> text((String) value, true);
            case BIGINT -> {
                int32(8);
                int64(((Number) value).longValue());
            }
            case INTEGER -> {
                int32(4);
                int32((Integer) value);
            }
            case DATE -> {
                int32(4);
                int32(Math.toIntExact(((LocalDate) value).toEpochDay() - POSTGRES_EPOCH_DAY));
            }
            case TIMESTAMPTZ -> {
                int32(8);
                int64(micros((Instant) value));
            }
        }
    }

    /**
     * Microseconds since PostgreSQL's epoch, the nanoseconds rounded half up as PgJDBC rounds them for the live
     * projection's INSERTs ({@code Timestamp.from}), so that the bulk path stores the same instant.
     */
    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond() - POSTGRES_EPOCH_SECOND, 1_000_000L),
                             (instant.getNano() + 500) / 1_000);
    }

    private void text(String s, boolean jsonb) {
        utf8(s.getBytes(StandardCharsets.UTF_8), jsonb);
    }

    private void utf8(byte[] utf8, boolean jsonb) {
        int length = utf8.length + (jsonb ? 1 : 0);
        int32(length);
        if (jsonb) {
            put(JSONB_VERSION);
        }
        appendBytes(utf8, 0, utf8.length);
    }

    private void int32(int value) {
        int at = size & (SEGMENT_BYTES - 1);
        if (at + 4 <= SEGMENT_BYTES) {
            byte[] segment = segment();
            segment[at] = (byte) (value >>> 24);
            segment[at + 1] = (byte) (value >>> 16);
            segment[at + 2] = (byte) (value >>> 8);
            segment[at + 3] = (byte) value;
            size += 4;
        } else { // across two segments
            put((byte) (value >>> 24));
            put((byte) (value >>> 16));
            put((byte) (value >>> 8));
            put((byte) value);
        }
    }

    private void int64(long value) {
        int32((int) (value >>> 32));
        int32((int) value);
    }

    private void put(byte b) {
        segment()[size & (SEGMENT_BYTES - 1)] = b;
        size++;
    }

    private void appendBytes(byte[] b, int from, int length) {
        while (length > 0) {
            int at = size & (SEGMENT_BYTES - 1);
            int n = Math.min(length, SEGMENT_BYTES - at);
            System.arraycopy(b, from, segment(), at, n);
            size += n;
            from += n;
            length -= n;
        }
    }

    /**
     * The segment that holds byte number {@link #size}, added when the bytes first reach it. A row refused midway
     * moves {@code size} back; the segments after it are then written over.
     */
    private byte[] segment() {
        int index = size >>> SEGMENT_SHIFT;
        if (index < segments.size()) {
            return segments.get(index);
        }
        byte[] added = new byte[SEGMENT_BYTES];
        segments.add(added);
        return added;
    }

    /** Bytes held: what a chunk is sized by. */
    public int length() {
        return size;
    }

    public int rows() {
        return rows;
    }

    /** Sends the rows into {@code copy}, a {@code COPY} of this layout's columns in binary, and ends it. */
    public void sendTo(CopyIn copy) throws SQLException {
        // A message per segment, not one per row: each write is a message of COPY's protocol.
        if (starts == null) {
            for (int from = 0; from < size; from += SEGMENT_BYTES) {
                copy.writeToCopy(segments.get(from >>> SEGMENT_SHIFT), 0, Math.min(SEGMENT_BYTES, size - from));
            }
        } else {
            sendInOrder(copy);
        }
        copy.writeToCopy(TRAILER, 0, TRAILER.length);
        copy.endCopy();
    }

    /** The header, then the rows by their order and, of the same order, as added, gathered a segment at a time. */
    private void sendInOrder(CopyIn copy) throws SQLException {
        Integer[] numbers = new Integer[rows];
        for (int i = 0; i < rows; i++) {
            numbers[i] = i;
        }
        Arrays.sort(numbers, (a, b) -> Long.compare(orders[a], orders[b])); // stable
        Gathered out = new Gathered(copy);
        gather(0, HEADER.length, out);
        for (int row : numbers) {
            int end = row + 1 < rows ? starts[row + 1] : size;
            gather(starts[row], end - starts[row], out);
        }
        out.flush();
    }

    /** Bytes {@code from} to {@code from + length} of the rows, into {@code out}. */
    private void gather(int from, int length, Gathered out) throws SQLException {
        while (length > 0) {
            int at = from & (SEGMENT_BYTES - 1);
            int n = Math.min(length, SEGMENT_BYTES - at);
            out.write(segments.get(from >>> SEGMENT_SHIFT), at, n);
            from += n;
            length -= n;
        }
    }

    /** A segment's room of bytes on their way into a COPY, sent each time it is full. */
    private static final class Gathered {

        private final CopyIn copy;
        private final byte[] buffer = new byte[SEGMENT_BYTES];
        private int length;

        Gathered(CopyIn copy) {
            this.copy = copy;
        }

        void write(byte[] b, int from, int n) throws SQLException {
            while (n > 0) {
                int taken = Math.min(n, buffer.length - length);
                System.arraycopy(b, from, buffer, length, taken);
                length += taken;
                from += taken;
                n -= taken;
                if (length == buffer.length) {
                    flush();
                }
            }
        }

        void flush() throws SQLException {
            if (length > 0) {
                copy.writeToCopy(buffer, 0, length);
                length = 0;
            }
        }
    }

    /** The column types written, each named as PostgreSQL's {@code format_type} names it. */
    enum Type {
        TEXT("text"), BIGINT("bigint"), INTEGER("integer"), DATE("date"), TIMESTAMPTZ("timestamp with time zone"),
        JSONB("jsonb");

        final String sqlName;

        Type(String sqlName) {
            this.sqlName = sqlName;
        }

        static Type named(String sqlName) {
            for (Type t : values()) {
                if (t.sqlName.equals(sqlName)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("no binary COPY writer for type " + sqlName);
        }
    }

    /**
     * The columns a {@link CopyRows} writes, in order, with their types: TEXT takes a text's UTF-8 bytes as they are
     * (a {@code byte[]}) or any other object (its {@code toString}), JSONB a String, BIGINT a Number, INTEGER an
     * Integer, DATE a LocalDate and TIMESTAMPTZ an Instant.
     */
    public static final class Layout {

        private final String[] names;
        private final Type[] types;
        private final String declaration;

        private Layout(String[] names, Type[] types, String declaration) {
            this.names = names;
            this.types = types;
            this.declaration = declaration;
        }

        /** From {@code "name type, name type, ..."}, the types as {@code format_type} names them. */
        public static Layout of(String declaration) {
            String[] columns = declaration.split(",");
            String[] names = new String[columns.length];
            Type[] types = new Type[columns.length];
            for (int i = 0; i < columns.length; i++) {
                String[] nameAndType = columns[i].trim().split(" ", 2);
                names[i] = nameAndType[0];
                types[i] = Type.named(nameAndType[1]);
            }
            return new Layout(names, types, declaration);
        }

        /** The declaration it was made {@link #of}: for a layout of these columns and more. */
        public String declaration() {
            return declaration;
        }

        /** The column list of the COPY statement. */
        public String columnNames() {
            return String.join(", ", names);
        }

        /**
         * The columns whose type in the table differs from the layout's, as "name: layout type, table type";
         * {@code tableTypes} gives each column's {@code format_type} (a column missing from it is a mismatch too).
         */
        public List<String> mismatches(Map<String, String> tableTypes) {
            return IntStream.range(0, names.length)
                    .filter(i -> !types[i].sqlName.equals(tableTypes.get(names[i])))
                    .mapToObj(i -> names[i] + ": " + types[i].sqlName + ", " + tableTypes.get(names[i]))
                    .toList();
        }
    }
}
