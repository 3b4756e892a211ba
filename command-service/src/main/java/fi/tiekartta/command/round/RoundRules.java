package fi.tiekartta.command.round;

import fi.tiekartta.command.project.Violations;

import java.time.LocalDate;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The field rules of opening a reporting round. Each rule adds a violation naming the field; the aggregate refuses
 * the command if there are any, so a client learns all its mistakes at once.
 */
final class RoundRules {

    static final int TITLE_MAX_LENGTH = 200;
    /**
     * The dates the rest of the API accepts (the query-service's {@code asOf} and {@code knownAt}): ISO-8601 spells
     * years far wider, which no roadmap means and which not every client or database reads alike.
     */
    static final LocalDate EARLIEST = LocalDate.of(1000, 1, 1);
    static final LocalDate LATEST = LocalDate.of(9999, 12, 31);
    /** How the service writes a round id ({@link UUID#toString()}): lower-case, hyphenated. */
    private static final Pattern ROUND_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private RoundRules() {
    }

    static String newRoundId() {
        return UUID.randomUUID().toString();
    }

    /** Whether {@code roundId} could name a round at all; anything else is unknown without asking the store. */
    static boolean isWellFormedRoundId(String roundId) {
        return roundId != null && ROUND_ID.matcher(roundId).matches();
    }

    static void checkOpening(OpenRoundCommand command, Violations violations) {
        violations.require("title", command.title());
        violations.singleLine("title", command.title(), TITLE_MAX_LENGTH);
        checkDate("asOf", command.asOf(), violations);
        checkDate("dueDate", command.dueDate(), violations);
        if (command.asOf() != null && command.dueDate() != null && command.asOf().isAfter(command.dueDate())) {
            violations.add("dueDate", "must not be before asOf (" + command.asOf() + "): owners report a day "
                                      + "that has passed by the due date");
        }
    }

    private static void checkDate(String field, LocalDate date, Violations violations) {
        violations.require(field, date);
        if (date != null && (date.isBefore(EARLIEST) || date.isAfter(LATEST))) {
            violations.add(field, "must be a date in the years " + EARLIEST.getYear() + "–" + LATEST.getYear());
        }
    }
}
