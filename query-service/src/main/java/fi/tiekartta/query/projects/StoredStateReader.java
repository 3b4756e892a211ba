package fi.tiekartta.query.projects;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectReader;
import fi.tiekartta.vocabulary.ProjectStatus;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a stored {@link ProjectState} ({@code project_view.state}, {@link ViewJson}) field by field: lists, reports
 * and the projection read thousands of them, and Jackson's general reading of records (and of days through a
 * {@code DateTimeFormatter}) was a third of a roadmap not kept when the roadmap still decoded its states. It reads
 * the shape the projection writes: strings, whole numbers, statuses by name, days as {@code yyyy-MM-dd}, unknown
 * properties skipped. Anything else is given to {@code jackson}, the reader it stands in for, so that the result is
 * always the one Jackson gives.
 */
final class StoredStateReader {

    /**
     * The fields of a {@link ProjectState} and of its units in the order they are stored ({@link ViewJson}), with the
     * status's label that the stored form writes beside the status and that is read from the status instead.
     */
    private static final SerializableString[] STATE_FIELDS = names("projectId", "sector", "title", "owner", "plannedStartYear",
            "plannedEndYear", "description", "status", "statusLabel", "progressPercent", "targetYear", "scheduledFor", "note",
            "effectiveDate", "units");
    private static final SerializableString[] UNIT_FIELDS = names("unit", "status", "progressPercent", "targetYear", "effectiveDate");

    private final JsonFactory factory;
    private final ObjectReader jackson;

    StoredStateReader(ObjectReader jackson) {
        this.factory = jackson.getFactory();
        this.jackson = jackson;
    }

    private static SerializableString[] names(String... names) {
        SerializableString[] quoted = new SerializableString[names.length];
        for (int i = 0; i < names.length; i++) {
            quoted[i] = new SerializedString(names[i]);
        }
        return quoted;
    }

    ProjectState read(byte[] json) throws IOException {
        try (JsonParser parser = factory.createParser(json)) {
            ProjectState state = state(parser);
            if (parser.nextToken() == null) {
                return state;
            }
        } catch (NotPlain | IOException | IllegalArgumentException | DateTimeException notPlain) {
            // given to Jackson below
        }
        return jackson.readValue(json);
    }

    /** Not the plain shape: Jackson decides. */
    private static final class NotPlain extends RuntimeException {
        NotPlain() {
            super(null, null, false, false);
        }
    }

    private static ProjectState state(JsonParser p) throws IOException {
        expect(p.nextToken(), JsonToken.START_OBJECT);
        String projectId = null;
        String sector = null;
        String title = null;
        String owner = null;
        Integer plannedStartYear = null;
        Integer plannedEndYear = null;
        String description = null;
        ProjectStatus status = null;
        Integer progressPercent = null;
        Integer targetYear = null;
        String scheduledFor = null;
        String note = null;
        LocalDate effectiveDate = null;
        List<ProjectState.UnitState> units = null;
        int expected = 0;
        String name;
        while ((name = nextName(p, STATE_FIELDS, expected)) != null) {
            expected = nextExpected(STATE_FIELDS, name, expected);
            JsonToken value = p.nextToken();
            switch (name) {
                case "projectId" -> projectId = text(p, value);
                case "sector" -> sector = text(p, value);
                case "title" -> title = text(p, value);
                case "owner" -> owner = text(p, value);
                case "plannedStartYear" -> plannedStartYear = number(p, value);
                case "plannedEndYear" -> plannedEndYear = number(p, value);
                case "description" -> description = text(p, value);
                case "status" -> status = status(p, value);
                case "statusLabel" -> text(p, value); // the status's, in the vocabulary
                case "progressPercent" -> progressPercent = number(p, value);
                case "targetYear" -> targetYear = number(p, value);
                case "scheduledFor" -> scheduledFor = text(p, value);
                case "note" -> note = text(p, value);
                case "effectiveDate" -> effectiveDate = day(p, value);
                case "units" -> units = units(p, value);
                default -> p.skipChildren();
            }
        }
        expect(p.currentToken(), JsonToken.END_OBJECT);
        return new ProjectState(projectId, sector, title, owner, plannedStartYear, plannedEndYear, description, status,
                                progressPercent, targetYear, scheduledFor, note, effectiveDate, units);
    }

    /**
     * The next field's name, null at the end of the object. The projection writes the fields in the record's order:
     * asked for the one expected there, the parser compares its bytes in place (no lookup in its table of names).
     */
    private static String nextName(JsonParser p, SerializableString[] fields, int expected) throws IOException {
        if (expected < fields.length) {
            if (p.nextFieldName(fields[expected])) {
                return fields[expected].getValue();
            }
        } else {
            p.nextToken();
        }
        return p.currentToken() == JsonToken.FIELD_NAME ? p.currentName() : null;
    }

    /** The position after {@code name} in the written order, or where it was when the name is not among them. */
    private static int nextExpected(SerializableString[] fields, String name, int expected) {
        if (expected < fields.length && fields[expected].getValue().equals(name)) {
            return expected + 1;
        }
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].getValue().equals(name)) {
                return i + 1;
            }
        }
        return expected;
    }

    private static List<ProjectState.UnitState> units(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(value, JsonToken.START_ARRAY);
        List<ProjectState.UnitState> units = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            expect(p.currentToken(), JsonToken.START_OBJECT);
            String unit = null;
            ProjectStatus status = null;
            Integer progressPercent = null;
            Integer targetYear = null;
            LocalDate effectiveDate = null;
            int expected = 0;
            String name;
            while ((name = nextName(p, UNIT_FIELDS, expected)) != null) {
                expected = nextExpected(UNIT_FIELDS, name, expected);
                JsonToken field = p.nextToken();
                switch (name) {
                    case "unit" -> unit = text(p, field);
                    case "status" -> status = status(p, field);
                    case "progressPercent" -> progressPercent = number(p, field);
                    case "targetYear" -> targetYear = number(p, field);
                    case "effectiveDate" -> effectiveDate = day(p, field);
                    default -> p.skipChildren();
                }
            }
            units.add(new ProjectState.UnitState(unit, status, progressPercent, targetYear, effectiveDate));
        }
        return units;
    }

    private static String text(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(value, JsonToken.VALUE_STRING);
        return p.getText();
    }

    private static Integer number(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(value, JsonToken.VALUE_NUMBER_INT);
        if (p.getNumberType() != JsonParser.NumberType.INT) {
            throw new NotPlain();
        }
        return p.getIntValue();
    }

    private static ProjectStatus status(JsonParser p, JsonToken value) throws IOException {
        String name = text(p, value);
        return name == null ? null : ProjectStatus.valueOf(name);
    }

    /** yyyy-MM-dd with ASCII digits, a real day ({@link PlainDays}). */
    private static LocalDate day(JsonParser p, JsonToken value) throws IOException {
        String text = text(p, value);
        if (text == null) {
            return null;
        }
        LocalDate day = PlainDays.day(text);
        if (day == null) {
            throw new NotPlain();
        }
        return day;
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new NotPlain();
        }
    }
}
