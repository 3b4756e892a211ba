package fi.tiekartta.query.projects;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tiekartta.support.eventstore.EventJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

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
 * same whichever form its rows are in. The label comes from the status vocabulary: a change of a label's words is a
 * change of the projection's output, and takes a rebuild (docs/RELIABILITY.md) to reach the stored rows.
 */
public final class ViewJson {

    private static final ObjectMapper JSON = EventJson.newObjectMapper();
    private static final StoredStateReader STATE = new StoredStateReader(JSON.readerFor(ProjectState.class));

    /**
     * Found only in the stored form. It cannot stand inside a JSON string (a quote there is escaped, and a closing
     * quote is never followed by a letter) nor as another key of a legacy state (neither {@link ProjectState} nor its
     * units has such a component), so it marks the stored form wherever it appears.
     */
    private static final byte[] MARK = ",\"statusLabel\":".getBytes(StandardCharsets.US_ASCII);
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

    private ViewJson() {
    }

    /**
     * The stored form of {@code state}, in UTF-8, as a rebuild copies it. Written as bytes, as the API's answers are:
     * Jackson's generator for bytes escapes a character beyond the Basic Multilingual Plane as its two surrogates,
     * the one for text does not.
     */
    public static byte[] stored(ProjectState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator out = JSON.getFactory().createGenerator(bytes)) {
            fields(out, state);
        } catch (IOException e) {
            throw new IllegalStateException(e); // writing to memory does not fail
        }
        return bytes.toByteArray();
    }

    /** A stored state, in whichever form it was stored. */
    public static ProjectState read(byte[] stored) {
        try {
            return STATE.read(stored);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable project state: " + new String(stored, StandardCharsets.UTF_8), e);
        }
    }

    /** A stored state in the stored form: itself when it is, else read and written anew. */
    public static byte[] asStored(byte[] stored) {
        return isStoredForm(stored) ? stored : stored(read(stored));
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

    static boolean isStoredForm(byte[] stored) {
        search:
        for (int i = 0, last = stored.length - MARK.length; i <= last; i++) {
            for (int j = 0; j < MARK.length; j++) {
                if (stored[i + j] != MARK[j]) {
                    continue search;
                }
            }
            return true;
        }
        return false;
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
