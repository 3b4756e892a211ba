package fi.tiekartta.query.admin;

import org.junit.jupiter.api.Test;
import org.postgresql.copy.CopyOut;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link SnapshotCopy} reads the same rows however the COPY's bytes are cut into the driver's messages: PostgreSQL
 * sends the header, each row and the trailer as messages of their own, but a value that lies across two messages
 * (a number or a text) is read whole. {@code SnapshotCopyTest} reads a real COPY from the event store.
 */
class SnapshotCopyMessagesTest {

    private static final String[][] ROWS = {
            {"P-1", "0", "e-1", "Project", "2026-12-04T08:00:00.000Z", "fi.tiekartta.events.ProjectRegisteredEvent", null,
             "{\"note\":\"väliaikainen \\\"Digi\\\"\"}", "{\"actor\":\"k\"}"},
            {"P-1", "1", "e-2", null, "2026-12-04T08:00:01.000Z", "fi.tiekartta.events.ProjectStatusChangedEvent", "2",
             "{}", null},
    };

    @Test
    void readsTheSameRows_howeverTheBytesAreCutIntoMessages() throws SQLException {
        byte[] copy = binaryCopy(ROWS, true);
        List<String> whole = readAll(List.of(copy));
        assertThat(whole).containsExactly(describe(ROWS[0]), describe(ROWS[1]));
        for (int size = 1; size <= 23; size++) {
            assertThat(readAll(cut(copy, size))).as("messages of %d bytes", size).isEqualTo(whole);
        }
    }

    @Test
    void aCopyEndingWithinARow_isAnError() {
        byte[] copy = binaryCopy(ROWS, false);
        byte[] broken = Arrays.copyOf(copy, copy.length - 3);
        assertThatThrownBy(() -> readAll(cut(broken, 7))).isInstanceOf(SQLException.class)
                                                          .hasMessageContaining("ended within a row");
    }

    private static List<String> readAll(List<byte[]> messages) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (SnapshotCopy copy = new SnapshotCopy(null, new Messages(messages))) {
            for (SnapshotCopy.Row row = copy.next(); row != null; row = copy.next()) {
                rows.add(String.join("|", row.aggregate(), Long.toString(row.sequence()), row.identifier(), row.type(),
                                     row.timestamp(), row.payloadType(), row.payloadRevision(), text(row.payload()),
                                     text(row.metaData())));
            }
        }
        return rows;
    }

    private static String describe(String[] row) {
        return String.join("|", Arrays.asList(row).stream().map(String::valueOf).toList());
    }

    private static String text(byte[] utf8) {
        return utf8 == null ? "null" : new String(utf8, StandardCharsets.UTF_8);
    }

    private static List<byte[]> cut(byte[] bytes, int size) {
        List<byte[]> messages = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += size) {
            messages.add(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + size)));
        }
        return messages;
    }

    /** PostgreSQL's binary COPY format: the signature, flags and an empty extension, then the rows, then -1. */
    private static byte[] binaryCopy(String[][] rows, boolean withTrailer) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write("PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1));
            out.writeInt(0);
            out.writeInt(0);
            for (String[] row : rows) {
                out.writeShort(row.length);
                for (int i = 0; i < row.length; i++) {
                    if (i == 1) {
                        out.writeInt(Long.BYTES);
                        out.writeLong(Long.parseLong(row[i]));
                    } else if (row[i] == null) {
                        out.writeInt(-1);
                    } else {
                        byte[] utf8 = row[i].getBytes(StandardCharsets.UTF_8);
                        out.writeInt(utf8.length);
                        out.write(utf8);
                    }
                }
            }
            if (withTrailer) {
                out.writeShort(-1);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The driver's side of a COPY TO: the given messages, then the end (null). */
    private static final class Messages implements CopyOut {
        private final List<byte[]> messages;
        private int next;

        Messages(List<byte[]> messages) {
            this.messages = messages;
        }

        @Override
        public byte[] readFromCopy() {
            return next < messages.size() ? messages.get(next++) : null;
        }

        @Override
        public byte[] readFromCopy(boolean block) {
            return readFromCopy();
        }

        @Override
        public boolean isActive() {
            return next < messages.size();
        }

        @Override
        public int getFieldCount() {
            return 9;
        }

        @Override
        public int getFormat() {
            return 1;
        }

        @Override
        public int getFieldFormat(int field) {
            return 1;
        }

        @Override
        public void cancelCopy() {
            next = messages.size();
        }

        @Override
        public long getHandledRowCount() {
            return -1;
        }
    }
}
