package fi.tiekartta.query.projects;

import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
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

    private final Layout layout;
    private byte[] bytes;
    private int size;
    private int rows;
    /** With {@link #rowInOrder}: where each row begins in {@link #bytes}, and its order; null while rows are unordered. */
    private int[] starts;
    private long[] orders;

    public CopyRows(Layout layout) {
        this(layout, 1 << 16);
    }

    /**
     * @param capacity the bytes to make room for at once: a collection filled to about a known size (a rebuild's
     *                 chunks) then grows no more, where growing copies everything held so far each time
     */
    public CopyRows(Layout layout, int capacity) {
        this.layout = layout;
        this.bytes = new byte[Math.max(capacity, HEADER.length)];
        appendBytes(HEADER);
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
            ensure(2);
            bytes[size++] = (byte) (fields.length >>> 8);
            bytes[size++] = (byte) fields.length;
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
        ensure(length);
        if (jsonb) {
            bytes[size++] = JSONB_VERSION;
        }
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
    }

    private void int32(int value) {
        ensure(4);
        bytes[size++] = (byte) (value >>> 24);
        bytes[size++] = (byte) (value >>> 16);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    private void int64(long value) {
        int32((int) (value >>> 32));
        int32((int) value);
    }

    private void appendBytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
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
        // One message of the rows, not one per row: each write is a message of COPY's protocol.
        byte[] sent = starts == null ? bytes : inOrder();
        copy.writeToCopy(sent, 0, size);
        copy.writeToCopy(TRAILER, 0, TRAILER.length);
        copy.endCopy();
    }

    /** The header, then the rows by their order and, of the same order, as added. */
    private byte[] inOrder() {
        Integer[] numbers = new Integer[rows];
        for (int i = 0; i < rows; i++) {
            numbers[i] = i;
        }
        Arrays.sort(numbers, (a, b) -> Long.compare(orders[a], orders[b])); // stable
        byte[] sorted = new byte[size];
        System.arraycopy(bytes, 0, sorted, 0, HEADER.length);
        int at = HEADER.length;
        for (int row : numbers) {
            int length = (row + 1 < rows ? starts[row + 1] : size) - starts[row];
            System.arraycopy(bytes, starts[row], sorted, at, length);
            at += length;
        }
        return sorted;
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
