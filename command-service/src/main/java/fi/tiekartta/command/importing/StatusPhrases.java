package fi.tiekartta.command.importing;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static fi.tiekartta.vocabulary.ProjectStatus.DONE;
import static fi.tiekartta.vocabulary.ProjectStatus.INVESTIGATING;
import static fi.tiekartta.vocabulary.ProjectStatus.IN_PROGRESS;
import static fi.tiekartta.vocabulary.ProjectStatus.IN_USE;
import static fi.tiekartta.vocabulary.ProjectStatus.MERGED;
import static fi.tiekartta.vocabulary.ProjectStatus.NOT_NEEDED;
import static fi.tiekartta.vocabulary.ProjectStatus.NOT_STARTED;
import static fi.tiekartta.vocabulary.ProjectStatus.PLANNED;
import static fi.tiekartta.vocabulary.ProjectStatus.POSTPONED;
import static fi.tiekartta.vocabulary.ProjectStatus.WAITING;

/**
 * Reads one status phrase, such as {@code SIIRTYY V. 2025}, with the status vocabulary (docs/STATUS-VOCABULARY.md).
 * Words are compared ignoring case and only as whole words, so that {@code VALMISTUU} is not {@code VALMIS}.
 *
 * <p>Where the roadmap uses the status's own words ({@code MENEILLÄÄN}, {@code EI TARVETTA} …), those words are
 * the status and what follows them is the note. Where it says the status in other words ({@code TOTEUTUS Q1/24},
 * {@code YLLÄPITOPROSESSI SUUNNITTELUSSA}, {@code EI LIITETÄ ILMASTOVAHTIIN}), the whole phrase is the note: cut
 * into keyword and remainder, its words would no longer say what is scheduled, planned or left out.
 */
final class StatusPhrases {

    /** "SIIRTYY V. 2025": V. is short for vuonna / vuodelle (in / to the year). */
    private static final Pattern TARGET_YEAR = Pattern.compile(
            "(?:(?:V\\.?|VUONNA|VUODELLE|VUOTEEN)\\s*)?(\\d{4})(?!\\d)\\s*(.*)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** "Q1/24" or "Q1/2024". */
    private static final Pattern QUARTER = Pattern.compile("Q([1-4])\\s*/\\s*(\\d{4}|\\d{2})(?!\\d)", Pattern.CASE_INSENSITIVE);
    /** A whole number before '%'; "70,5 %" is matched too, so that it is refused rather than read as 5 %. */
    private static final Pattern PERCENT = Pattern.compile("(?<![\\d,.])(\\d{1,3})([,.]\\d+)?\\s*%");
    /** Separators the roadmap puts between a status and its note ("MENEILLÄÄN - DIGITURVALLA …"). */
    private static final Pattern LEADING_SEPARATORS = Pattern.compile("^[-–—:]+\\s*");

    private interface Reader {
        ParsedStatus read(String phrase, String rest);
    }

    private record Prefix(String words, Reader reader) {
    }

    private static final List<Prefix> PREFIXES = List.of(
            new Prefix("EI ALOITETTU", (phrase, rest) -> ParsedStatus.of(NOT_STARTED, note(rest))),
            new Prefix("TULOSSA", (phrase, rest) -> ParsedStatus.of(PLANNED, note(rest))),
            new Prefix("SELVITETÄÄN", (phrase, rest) -> ParsedStatus.of(INVESTIGATING, note(rest))),
            new Prefix("MENEILLÄÄN", (phrase, rest) -> inProgress(rest)),
            new Prefix("KÄYTÖSSÄ", (phrase, rest) -> ParsedStatus.of(IN_USE, note(rest))),
            new Prefix("ODOTTAA", (phrase, rest) -> ParsedStatus.of(WAITING, note(rest))),
            new Prefix("SIIRTYY", (phrase, rest) -> postponed(rest)),
            new Prefix("VALMIS", (phrase, rest) -> ParsedStatus.of(DONE, note(rest))),
            new Prefix("EI TARVETTA", (phrase, rest) -> ParsedStatus.of(NOT_NEEDED, note(rest))),
            new Prefix("TEHDÄÄN OSANA", (phrase, rest) -> merged(rest)),
            new Prefix("TOTEUTETTU", (phrase, rest) -> ParsedStatus.of(DONE, rest.isEmpty() ? null : phrase)),
            new Prefix("EI LIITETÄ", (phrase, rest) -> ParsedStatus.of(NOT_NEEDED, rest.isEmpty() ? null : phrase)),
            new Prefix("TOTEUTUS", StatusPhrases::scheduled),
            new Prefix("HANKINTA", StatusPhrases::scheduled));

    /** "… SUUNNITTELUSSA / POHDINNASSA / MIETINNÄSSÄ": something is being planned or thought over. */
    private static final List<String> INVESTIGATING_ENDINGS = List.of("SUUNNITTELUSSA", "POHDINNASSA", "MIETINNÄSSÄ");

    private StatusPhrases() {
    }

    /**
     * @param phrase one phrase, whitespace already collapsed
     * @return the status it says; empty when it is not a status phrase at all
     * @throws StatusPhraseException when it starts like a status phrase but lacks what that status needs
     */
    static Optional<ParsedStatus> read(String phrase) {
        for (Prefix prefix : PREFIXES) {
            String rest = after(phrase, prefix.words());
            if (rest != null) {
                return Optional.of(prefix.reader().read(phrase, rest));
            }
        }
        for (String ending : INVESTIGATING_ENDINGS) {
            if (endsWithWord(phrase, ending)) {
                return Optional.of(ParsedStatus.of(INVESTIGATING, phrase.length() > ending.length() ? phrase : null));
            }
        }
        return Optional.empty();
    }

    /** What follows {@code words} at the start of {@code text}, trimmed; {@code null} when it does not start so. */
    static String after(String text, String words) {
        int end = words.length();
        if (text.length() < end || !text.regionMatches(true, 0, words, 0, end)) {
            return null;
        }
        if (text.length() > end && Character.isLetterOrDigit(text.charAt(end))) {
            return null;
        }
        return text.substring(end).trim();
    }

    private static boolean endsWithWord(String text, String word) {
        int start = text.length() - word.length();
        return start >= 0 && text.regionMatches(true, start, word, 0, word.length())
               && (start == 0 || text.charAt(start - 1) == ' ');
    }

    private static ParsedStatus inProgress(String rest) {
        Matcher percent = PERCENT.matcher(rest);
        Integer progress = null;
        while (percent.find()) {
            if (progress != null) {
                throw new StatusPhraseException("MENEILLÄÄN " + rest + " gives more than one percentage");
            }
            if (percent.group(2) != null) {
                throw new StatusPhraseException("MENEILLÄÄN " + rest + ": give progress as a whole percentage");
            }
            progress = Integer.valueOf(percent.group(1));
        }
        if (progress != null && progress > 100) {
            throw new StatusPhraseException("MENEILLÄÄN " + rest + ": progress cannot be more than 100 %");
        }
        return new ParsedStatus(null, IN_PROGRESS, progress, null, null, note(rest));
    }

    private static ParsedStatus postponed(String rest) {
        Matcher year = TARGET_YEAR.matcher(rest);
        if (!year.matches()) {
            throw new StatusPhraseException("SIIRTYY needs the year the work is postponed to, as in SIIRTYY V. 2025");
        }
        return new ParsedStatus(null, POSTPONED, null, Integer.valueOf(year.group(1)), null, note(year.group(2)));
    }

    private static ParsedStatus merged(String rest) {
        String partOf = note(rest);
        if (partOf == null) {
            throw new StatusPhraseException(
                    "TEHDÄÄN OSANA must say what the work is part of, as in TEHDÄÄN OSANA URHEILUPUISTON REMONTTIA");
        }
        return ParsedStatus.of(MERGED, partOf);
    }

    /** "TOTEUTUS Q1/24" (implementation), "HANKINTA Q1/24?" (procurement; the '?' stays in the note). */
    private static ParsedStatus scheduled(String phrase, String rest) {
        Matcher quarter = QUARTER.matcher(rest);
        if (!quarter.find()) {
            String keyword = phrase.substring(0, phrase.length() - rest.length()).trim();
            throw new StatusPhraseException(keyword + " needs the quarter it is planned for, as in " + keyword + " Q1/24");
        }
        int year = Integer.parseInt(quarter.group(2));
        int fullYear = quarter.group(2).length() == 2 ? 2000 + year : year;
        return new ParsedStatus(null, PLANNED, null, null, fullYear + "-Q" + quarter.group(1), phrase);
    }

    /** The words after the status, without a leading dash and without the parentheses around all of them. */
    private static String note(String rest) {
        String note = LEADING_SEPARATORS.matcher(rest.trim()).replaceFirst("").trim();
        if (note.startsWith("(") && note.endsWith(")") && note.indexOf('(', 1) < 0 && note.indexOf(')') == note.length() - 1) {
            note = note.substring(1, note.length() - 1).trim();
        }
        return note.isEmpty() ? null : note;
    }
}
