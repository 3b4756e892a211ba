package fi.tiekartta.query.projects;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tiekartta.support.eventstore.EventJson;
import fi.tiekartta.vocabulary.ProjectStatus;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * The JSON forms of a project's state, and the one home of its stored form ({@code project_view.state}).
 *
 * <p>The stored form is the project as the API shows it ({@link ProjectView}, docs/API.md) but for the two fields
 * that depend on the instant asked about ({@code version} and {@code lastRecordedAt}): every field in the view's
 * order, nulls written, {@code statusLabel} beside {@code status}, byte for byte as Jackson writes a
 * {@link ProjectView}. So a roadmap of 10,000 projects writes each stored state into its answer as it came from the
 * database ({@link #writeView}), without decoding 4 MB of state and writing 5 MB of JSON anew; the other readers
 * read it as a {@link ProjectState}, skipping the label.
 *
 * <p>States stored before this form (without {@code statusLabel}: nulls left out, and before V10 in jsonb's key
 * order) stay until the next rebuild; {@link #asStored} reads and writes such a state anew, so every answer is the
 * same whichever form its rows are in. So does a state whose label the status vocabulary has reworded since it was
 * stored: the rows keep the old words until a rebuild, the answers never show them.
 */
public final class ViewJson {

    private static final ObjectMapper JSON = EventJson.newObjectMapper();
    private static final StoredStateReader STATE = new StoredStateReader(JSON.readerFor(ProjectState.class));

    private static final byte[] VERSION_FIELD = ",\"version\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LAST_RECORDED_AT_FIELD = ",\"lastRecordedAt\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    // The field names quoted and encoded once: writing a name from a String checks and escapes it each time.
    private static final SerializableString PROJECT_ID = new SerializedString("projectId");
    private static final SerializableString SECTOR = new SerializedString("sector");
    private static final SerializableString TITLE = new SerializedString("title");
    private static final SerializableString OWNER = new SerializedString("owner");
    private static final SerializableString PLANNED_START_YEAR = new SerializedString("plannedStartYear");
    private static final SerializableString PLANNED_END_YEAR = new SerializedString("plannedEndYear");
    private static final SerializableString DESCRIPTION = new SerializedString("description");
    private static final SerializableString STATUS = new SerializedString("status");
    private static final SerializableString STATUS_LABEL = new SerializedString("statusLabel");
    private static final SerializableString PROGRESS_PERCENT = new SerializedString("progressPercent");
    private static final SerializableString TARGET_YEAR = new SerializedString("targetYear");
    private static final SerializableString SCHEDULED_FOR = new SerializedString("scheduledFor");
    private static final SerializableString NOTE = new SerializedString("note");
    private static final SerializableString EFFECTIVE_DATE = new SerializedString("effectiveDate");
    private static final SerializableString UNITS = new SerializedString("units");
    private static final SerializableString UNIT = new SerializedString("unit");

    /**
     * Each thread's generator for {@link #stored}, kept with the buffer it writes into. A rebuild writes about a
     * million states; a generator and a growing stream made for each were a tenth of its reading thread's time
     * (docs/PERFORMANCE.md, "What changed on 2026-12-01 (evening)"). One state after another is written as a root
     * value, with nothing between them. Declared before {@link #MARKS}, which are written with it.
     */
    private static final ThreadLocal<StoredWriter> WRITERS = ThreadLocal.withInitial(StoredWriter::new);

    /**
     * The stored form's status and label as the vocabulary has them now, for each status (and for none). Found only
     * in a state stored in the stored form with those words: it cannot stand inside a JSON string (a quote there is
     * escaped, and a closing quote is never followed by a letter), nor as another key of a legacy state (neither
     * {@link ProjectState} nor its units has a {@code statusLabel}); and a row whose label the vocabulary has since
     * reworded does not have it, so it is written anew like a legacy one.
     */
    private static final Map<ProjectStatus, Mark> MARKS = marks();
    private static final Mark NO_STATUS_MARK = mark(null);

    private ViewJson() {
    }

    /**
     * The stored form of {@code state}, in UTF-8, as a rebuild copies it. Written as bytes, as the API's answers are:
     * Jackson's generator for bytes escapes a character beyond the Basic Multilingual Plane as its two surrogates,
     * the one for text does not.
     */
    public static byte[] stored(ProjectState state) {
        boolean written = false;
        try {
            byte[] stored = WRITERS.get().storedForm(state);
            written = true;
            return stored;
        } catch (IOException e) {
            throw new IllegalStateException(e); // writing to memory does not fail
        } finally {
            if (!written) {
                WRITERS.remove(); // its generator may have stopped inside an object: the next state gets a new one
            }
        }
    }

    private static final class StoredWriter extends OutputStream {

        private static final int KEPT_BYTES = 1 << 16;

        private final JsonGenerator out;
        private byte[] bytes = new byte[1024];
        private int size;

        StoredWriter() {
            try {
                out = JSON.getFactory().createGenerator(this);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            out.setRootValueSeparator(null);
        }

        byte[] storedForm(ProjectState state) throws IOException {
            size = 0;
            fields(out, state);
            out.flush();
            byte[] written = Arrays.copyOf(bytes, size);
            if (bytes.length > KEPT_BYTES) {
                bytes = new byte[1024]; // a thread keeps no more than this after an unusually long state
            }
            return written;
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int offset, int length) {
            ensure(length);
            System.arraycopy(b, offset, bytes, size, length);
            size += length;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }

    /** A stored state, in whichever form it was stored. */
    public static ProjectState read(byte[] stored) {
        try {
            return STATE.read(stored);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable project state: " + new String(stored, StandardCharsets.UTF_8), e);
        }
    }

    /**
     * A stored state in the stored form with the vocabulary's label of today: itself when it is, else read and written
     * anew. @param status the row's status (its {@code status} column), null for none
     */
    public static byte[] asStored(byte[] stored, ProjectStatus status) {
        return isStoredForm(stored, status) ? stored : stored(read(stored));
    }

    /** The view's JSON, as Jackson writes the {@link ProjectView}: the stored form with the row's version after it. */
    public static void writeView(OutputStream out, StoredView view) throws IOException {
        byte[] stored = view.json();
        out.write(stored, 0, stored.length - 1); // all but its closing brace
        out.write(VERSION_FIELD);
        out.write(Long.toString(view.version()).getBytes(StandardCharsets.US_ASCII));
        out.write(LAST_RECORDED_AT_FIELD);
        if (view.lastRecordedAt() == null) {
            out.write(NULL);
        } else {
            // Jackson writes an Instant in ISO_INSTANT, as Instant.toString does.
            out.write('"');
            out.write(view.lastRecordedAt().toString().getBytes(StandardCharsets.US_ASCII));
            out.write('"');
        }
        out.write('}');
    }

    /** An object in the stored form whose status is {@code status}, labelled as the vocabulary labels it today. */
    static boolean isStoredForm(byte[] stored, ProjectStatus status) {
        return stored.length > 1 && stored[0] == '{' && stored[stored.length - 1] == '}'
               && (status == null ? NO_STATUS_MARK : MARKS.get(status)).foundIn(stored);
    }

    private static Map<ProjectStatus, Mark> marks() {
        Map<ProjectStatus, Mark> marks = new EnumMap<>(ProjectStatus.class);
        for (ProjectStatus status : ProjectStatus.values()) {
            marks.put(status, mark(status));
        }
        return marks;
    }

    /** {@code ,"status":"CODE","statusLabel":"LABEL",} as {@link #stored} writes them (taken from what it writes). */
    private static Mark mark(ProjectStatus status) {
        String written = new String(stored(new ProjectState(null, null, null, null, null, null, null, status, null, null,
                                                            null, null, null, null)), StandardCharsets.UTF_8);
        return new Mark(written.substring(written.indexOf(",\"status\":"), written.indexOf("\"progressPercent\":"))
                               .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Bytes looked for by Horspool's search: each place is compared from its last byte, and after a mismatch the search
     * moves on as far as the byte under that last position allows, so a mark of some 40 bytes is found in a state of
     * 500 after a few dozen comparisons rather than a pass over every byte before it. A roadmap checks 10,000 states
     * with each answer (docs/PERFORMANCE.md, "What changed on 2026-12-04 (midday)").
     */
    private static final class Mark {

        private final byte[] bytes;
        /** For each byte value: how far the search may move when that byte is under the mark's last position. */
        private final int[] shift = new int[256];

        Mark(byte[] bytes) {
            this.bytes = bytes;
            Arrays.fill(shift, bytes.length);
            for (int i = 0; i < bytes.length - 1; i++) {
                shift[bytes[i] & 0xff] = bytes.length - 1 - i;
            }
        }

        boolean foundIn(byte[] text) {
            int last = bytes.length - 1;
            for (int at = 0; at + last < text.length; at += shift[text[at + last] & 0xff]) {
                int j = last;
                while (j >= 0 && text[at + j] == bytes[j]) {
                    j--;
                }
                if (j < 0) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The view's fields but version and lastRecordedAt, in {@link ProjectView}'s order. */
    private static void fields(JsonGenerator out, ProjectState s) throws IOException {
        out.writeStartObject();
        text(out, PROJECT_ID, s.projectId());
        text(out, SECTOR, s.sector());
        text(out, TITLE, s.title());
        text(out, OWNER, s.owner());
        number(out, PLANNED_START_YEAR, s.plannedStartYear());
        number(out, PLANNED_END_YEAR, s.plannedEndYear());
        text(out, DESCRIPTION, s.description());
        text(out, STATUS, s.status() == null ? null : s.status().name());
        text(out, STATUS_LABEL, s.status() == null ? null : s.status().finnishLabel());
        number(out, PROGRESS_PERCENT, s.progressPercent());
        number(out, TARGET_YEAR, s.targetYear());
        text(out, SCHEDULED_FOR, s.scheduledFor());
        text(out, NOTE, s.note());
        text(out, EFFECTIVE_DATE, s.effectiveDate() == null ? null : s.effectiveDate().toString());
        out.writeFieldName(UNITS);
        out.writeStartArray(); // never null: ProjectState makes it a list
        for (ProjectState.UnitState unit : s.units()) {
            out.writeStartObject();
            text(out, UNIT, unit.unit());
            text(out, STATUS, unit.status() == null ? null : unit.status().name());
            number(out, PROGRESS_PERCENT, unit.progressPercent());
            number(out, TARGET_YEAR, unit.targetYear());
            text(out, EFFECTIVE_DATE, unit.effectiveDate() == null ? null : unit.effectiveDate().toString());
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    private static void text(JsonGenerator out, SerializableString name, String value) throws IOException {
        out.writeFieldName(name);
        if (value == null) {
            out.writeNull();
        } else {
            out.writeString(value);
        }
    }

    private static void number(JsonGenerator out, SerializableString name, Integer value) throws IOException {
        out.writeFieldName(name);
        if (value == null) {
            out.writeNull();
        } else {
            out.writeNumber(value);
        }
    }
}
