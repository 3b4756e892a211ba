package fi.tiekartta.command.importing;

import fi.tiekartta.vocabulary.ProjectStatus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the status text of a roadmap row into status changes: {@code MENEILLÄÄN (60 % TEHTY)} into IN_PROGRESS
 * with 60 %, {@code VAKA SIIRTYY V. 2027, KOULUT VALMIS} into one change per unit and none for the project (whose
 * status the read side then derives from its least advanced unit).
 *
 * <p>The text is cut into parts at ", ". The first part is the project's status phrase, unless it names a unit.
 * A later part is a unit's status only when it starts with a <em>known</em> unit name followed by a status
 * phrase; any other part is more of the note of the change before it. So in {@code KÄYTÖSSÄ, JATKO MIETINNÄSSÄ}
 * the words JATKO MIETINNÄSSÄ (further development is being considered) are a note, not a unit called JATKO.
 *
 * <p>Pure: no Spring, no I/O; the known units come from configuration through the constructor.
 */
public final class StatusPhraseParser {

    /** A unit name is stored in events and shown as a label: one line, short (the aggregate's rule). */
    private static final int MAX_UNIT_LENGTH = 60;
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\h]+");

    /** As configured, for messages. */
    private final List<String> units;
    /** Longest first, so that a unit whose name begins with another unit's name is found as itself. */
    private final List<String> unitsToMatch;

    public StatusPhraseParser(Collection<String> knownUnits) {
        this.units = knownUnits.stream().map(StatusPhraseParser::checkedUnit).distinct().toList();
        this.unitsToMatch = units.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    public List<String> knownUnits() {
        return units;
    }

    /**
     * @param statusText the status_text of one row; empty or {@code null} means not started
     * @return the changes in the order the text gives them; never empty
     * @throws StatusPhraseException when the text does not read as a status
     */
    public List<ParsedStatus> parse(String statusText) {
        String text = statusText == null ? "" : WHITESPACE.matcher(statusText).replaceAll(" ").trim();
        if (text.isEmpty()) {
            return List.of(ParsedStatus.of(ProjectStatus.NOT_STARTED, null));
        }
        List<String> parts = parts(text);
        List<ParsedStatus> changes = new ArrayList<>();
        Set<String> unitsSeen = new HashSet<>();
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (part.isEmpty()) {
                throw new StatusPhraseException("'" + text + "' has an empty part between commas");
            }
            Optional<ParsedStatus> unitChange = unitChange(part);
            if (unitChange.isPresent()) {
                if (!unitsSeen.add(unitChange.get().unit())) {
                    throw new StatusPhraseException("'" + text + "' gives unit " + unitChange.get().unit() + " twice");
                }
                changes.add(unitChange.get());
            } else if (i == 0) {
                changes.add(StatusPhrases.read(part).orElseThrow(() -> notAStatus(part)));
            } else {
                int previous = changes.size() - 1;
                changes.set(previous, changes.get(previous).withMoreNote(part));
            }
        }
        return List.copyOf(changes);
    }

    private Optional<ParsedStatus> unitChange(String part) {
        for (String unit : unitsToMatch) {
            String phrase = StatusPhrases.after(part, unit);
            if (phrase != null && !phrase.isEmpty()) {
                try {
                    return StatusPhrases.read(phrase).map(status -> status.forUnit(unit));
                } catch (StatusPhraseException e) {
                    throw new StatusPhraseException("unit " + unit + ": " + e.getMessage());
                }
            }
        }
        return Optional.empty();
    }

    /** Cuts at a comma followed by a space, but not inside parentheses ("(tot. 70,5 %, arvio)"). */
    private static List<String> parts(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0 && (i + 1 == text.length() || text.charAt(i + 1) == ' ')) {
                parts.add(text.substring(start, i).trim());
                start = i + 1;
            }
        }
        parts.add(text.substring(start).trim());
        return parts;
    }

    private StatusPhraseException notAStatus(String part) {
        return new StatusPhraseException("'" + part + "' is not a status phrase of the roadmap (such as MENEILLÄÄN, "
                                         + "VALMIS, SIIRTYY V. 2025, TOTEUTUS Q1/24, SELVITETÄÄN …); a unit's own "
                                         + "status starts with one of the known units " + String.join(", ", units));
    }

    private static String checkedUnit(String configured) {
        String unit = configured == null ? "" : WHITESPACE.matcher(configured).replaceAll(" ").trim();
        if (unit.isEmpty() || unit.length() > MAX_UNIT_LENGTH || unit.contains(",")) {
            throw new IllegalArgumentException("a unit name must be 1–" + MAX_UNIT_LENGTH
                                               + " characters without commas: '" + configured + "'");
        }
        return unit;
    }
}
