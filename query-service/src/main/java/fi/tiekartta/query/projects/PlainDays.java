package fi.tiekartta.query.projects;

import java.time.LocalDate;

/**
 * Days in the one form this system writes them ({@code yyyy-MM-dd}, ASCII digits), read by position. The readers
 * that read every stored event or state of a rebuild or a roadmap use it where Jackson's reading of a day goes
 * through a {@code DateTimeFormatter}, and hand anything else to Jackson, so that the result is always Jackson's.
 */
public final class PlainDays {

    private PlainDays() {
    }

    /** The day {@code text} names in that form; null when it is not in that form or not a real day. */
    public static LocalDate day(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    /** The decimal number of {@code length} ASCII digits at {@code from}; -1 if any is not one. */
    public static int digits(String text, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
