package fi.tiekartta.command.project;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects everything wrong with a command before refusing it, so that a client learns about all its mistakes
 * in one answer rather than one per attempt. Every aggregate's rules use it (projects, reporting rounds), so that
 * all commands are refused alike.
 */
public final class Violations {

    /** Control characters have no place in a status report; they break logs, CSV exports and terminals. */
    private static final Pattern SINGLE_LINE_FORBIDDEN = Pattern.compile("\\p{Cc}");
    private static final Pattern MULTI_LINE_FORBIDDEN = Pattern.compile("[\\p{Cc}&&[^\\n\\t\\r]]");
    /**
     * Half of a character: a UTF-16 surrogate without its pair, which JSON can carry as an escape but no text holds.
     * PostgreSQL's json and jsonb refuse it, so the read model could not store it where it reads JSON (a change's
     * details; the states, for migrations). A pair, a character beyond the Basic Multilingual Plane, is one code
     * point to the pattern and passes.
     */
    private static final Pattern UNPAIRED_SURROGATE = Pattern.compile("\\p{Cs}");

    private final List<InvalidCommandException.Violation> found = new ArrayList<>();

    public void add(String field, String message) {
        found.add(new InvalidCommandException.Violation(field, message));
    }

    public void require(String field, Object value) {
        if (value == null || (value instanceof String text && text.isBlank())) {
            add(field, "is required");
        }
    }

    /** A short name or title: one line, at most {@code maxLength} characters. */
    public void singleLine(String field, String value, int maxLength) {
        if (value == null) {
            return;
        }
        if (value.length() > maxLength) {
            add(field, "must be at most " + maxLength + " characters");
        } else if (SINGLE_LINE_FORBIDDEN.matcher(value).find()) {
            add(field, "must be one line without control characters");
        } else {
            requireWholeCharacters(field, value);
        }
    }

    /** Free text such as a note or a reason: line breaks allowed, other control characters not. */
    public void freeText(String field, String value, int maxLength) {
        if (value == null) {
            return;
        }
        if (value.length() > maxLength) {
            add(field, "must be at most " + maxLength + " characters");
        } else if (MULTI_LINE_FORBIDDEN.matcher(value).find()) {
            add(field, "must not contain control characters");
        } else {
            requireWholeCharacters(field, value);
        }
    }

    private void requireWholeCharacters(String field, String value) {
        if (UNPAIRED_SURROGATE.matcher(value).find()) {
            add(field, "must be text: it holds half of a character (a UTF-16 surrogate without its pair)");
        }
    }

    public void throwIfAny(String message) {
        if (!found.isEmpty()) {
            throw new InvalidCommandException(message, found);
        }
    }
}
