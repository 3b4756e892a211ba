package fi.tiekartta.query.admin;

import fi.tiekartta.support.eventstore.EventStoreTables;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * A rebuild's read of the event store: every event up to the snapshot's last global index, stream after stream
 * ({@code ORDER BY aggregate_identifier, sequence_number}), as one {@code COPY (SELECT …) TO STDOUT} in PostgreSQL's
 * binary format, on the connection whose transaction holds the snapshot.
 *
 * <p>A cursor's server process makes the next rows only when the next fetch asks for them, so the reading thread
 * and that process took turns: the thread waited for each fetch, several seconds of a rebuild of 1,000,000 events,
 * on its critical path (docs/PERFORMANCE.md, "What changed on 2026-12-03 (evening)"). A COPY's process writes rows
 * until the socket is full and goes on as the thread reads, so its work overlaps the thread's folding.
 *
 * <p>Every column is cast to the type whose binary form is read here ({@code text}: its UTF-8 bytes, as the
 * connection's client encoding is; {@code bigint}: eight bytes), so the form does not depend on how the event store
 * declares them. The payload and the metadata are read as text too, kept as those bytes: a cast of text to
 * {@code bytea} goes through {@code bytea}'s input, which reads a backslash as the start of an escape, so a JSON
 * escape in an event (a quoted word, a line break) would fail the COPY or lose its backslash ({@code SnapshotCopyTest}).
 *
 * <p>The bytes are read from the driver's messages as they come ({@link CopyOut#readFromCopy}: PostgreSQL sends a row
 * a message), each number straight from the message's array and each text decoded where it lies. Read through a
 * {@code DataInputStream} over a {@code BufferedInputStream}, each value's length was four calls of a synchronized
 * {@code read()} (docs/PERFORMANCE.md, "What changed on 2026-12-03 (late night)"). A value split between two messages
 * is read across them ({@code SnapshotCopyMessagesTest}). Not thread-safe: one per build.
 */
final class SnapshotCopy implements AutoCloseable {

    private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final int FIELDS = 9;
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

    /**
     * One stored event as the COPY gives it, the payload and metadata as their text's UTF-8 bytes; {@code type},
     * {@code payloadRevision} and {@code metaData} may be null.
     */
    record Row(String aggregate, long sequence, String identifier, String type, String timestamp, String payloadType,
               String payloadRevision, byte[] payload, byte[] metaData) {
    }

    private final Connection connection;
    private final CopyOut copy;
    /** The message being read, and where in it. */
    private byte[] message = new byte[0];
    private int at;

    /** Starts the COPY of every event up to {@code head} in the connection's transaction (its snapshot). */
    SnapshotCopy(Connection connection, long head) throws SQLException {
        this(connection, connection.unwrap(PGConnection.class).getCopyAPI().copyOut(
                "COPY (SELECT CAST(aggregate_identifier AS text), CAST(sequence_number AS bigint),"
                + " CAST(event_identifier AS text), CAST(type AS text), CAST(time_stamp AS text), CAST(payload_type AS text),"
                + " CAST(payload_revision AS text), CAST(payload AS text), CAST(meta_data AS text)"
                + " FROM " + EventStoreTables.DOMAIN_EVENTS + " WHERE global_index <= " + head
                + " ORDER BY aggregate_identifier, sequence_number) TO STDOUT (FORMAT binary)"));
    }

    /** Reads {@code copy}, a COPY of those columns begun on {@code connection}. */
    SnapshotCopy(Connection connection, CopyOut copy) throws SQLException {
        this.connection = connection;
        this.copy = copy;
        try {
            readHeader();
        } catch (SQLException | RuntimeException e) {
            close();
            throw new SQLException("unreadable COPY header from the event store", e);
        }
    }

    /** The next event, or null after the last. */
    Row next() throws SQLException {
        short fields = int16();
        if (fields == -1) { // the trailer: read on to the COPY's end, so that the connection is free again
            while (copy.readFromCopy() != null) {
                // nothing follows the trailer
            }
            return null;
        }
        if (fields != FIELDS) {
            throw new SQLException("a COPY row of the event store with " + fields + " fields, not " + FIELDS);
        }
        return new Row(text(), int8(), text(), text(), text(), text(), text(), bytes(), bytes());
    }

    private void readHeader() throws SQLException {
        byte[] signature = new byte[SIGNATURE.length];
        readInto(signature);
        if (!Arrays.equals(signature, SIGNATURE)) {
            throw new SQLException("not a binary COPY");
        }
        int32(); // flags: none that matter to rows of these types (bit 16, OIDs, is never set by a SELECT)
        readInto(new byte[int32()]); // the header extension, empty today
    }

    private byte[] bytes() throws SQLException {
        int length = int32();
        if (length < 0) {
            return null;
        }
        byte[] value = new byte[length];
        readInto(value);
        return value;
    }

    private String text() throws SQLException {
        int length = int32();
        if (length < 0) {
            return null;
        }
        if (message.length - at >= length) { // decoded where it lies, without a copy of its own
            at += length;
            return new String(message, at - length, length, StandardCharsets.UTF_8);
        }
        byte[] value = new byte[length];
        readInto(value);
        return new String(value, StandardCharsets.UTF_8);
    }

    private long int8() throws SQLException {
        if (int32() != Long.BYTES) {
            throw new SQLException("a bigint of another length in the event store's COPY");
        }
        if (message.length - at >= Long.BYTES) {
            at += Long.BYTES;
            return (long) LONG.get(message, at - Long.BYTES);
        }
        return (long) LONG.get(split(Long.BYTES), 0);
    }

    private int int32() throws SQLException {
        if (message.length - at >= Integer.BYTES) {
            at += Integer.BYTES;
            return (int) INT.get(message, at - Integer.BYTES);
        }
        return (int) INT.get(split(Integer.BYTES), 0);
    }

    private short int16() throws SQLException {
        if (message.length - at >= Short.BYTES) {
            at += Short.BYTES;
            return (short) SHORT.get(message, at - Short.BYTES);
        }
        return (short) SHORT.get(split(Short.BYTES), 0);
    }

    /** The next {@code n} bytes, which the rest of this message does not hold, in an array of their own. */
    private byte[] split(int n) throws SQLException {
        byte[] value = new byte[n];
        readInto(value);
        return value;
    }

    /** Fills {@code value} from the next bytes, from as many messages as they take. */
    private void readInto(byte[] value) throws SQLException {
        int filled = 0;
        while (filled < value.length) {
            if (at == message.length) {
                byte[] next = copy.readFromCopy();
                if (next == null) {
                    throw new SQLException("the event store's COPY ended within a row");
                }
                message = next;
                at = 0;
            }
            int n = Math.min(value.length - filled, message.length - at);
            System.arraycopy(message, at, value, filled, n);
            filled += n;
            at += n;
        }
    }

    /**
     * After the last row the COPY has ended and the connection goes on. A COPY left midway (a build stopped or failed)
     * leaves its connection unusable instead: the driver's {@code cancelCopy()} of a COPY TO asks the server to stop
     * but leaves the rest of its messages unread, and the connection's next statement reads them as its own answer
     * (pgjdbc 42.7: "No results were returned by the query"; {@code SnapshotCopyTest}). So the connection is aborted,
     * which ends its server process and with it the transaction, and one more statement is sent to fail with a
     * connection error (SQLState 08003), on which the pool (HikariCP) discards the connection rather than hand it out
     * again.
     */
    @Override
    public void close() throws SQLException {
        if (!copy.isActive()) {
            return;
        }
        connection.abort(Runnable::run);
        try {
            connection.rollback();
        } catch (SQLException expected) {
            // the connection error the pool discards the connection on
        }
    }
}
