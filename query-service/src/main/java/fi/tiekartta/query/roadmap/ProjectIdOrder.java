package fi.tiekartta.query.roadmap;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Project ids as people read them: {@code TE-9} before {@code TE-10}. Runs of digits compare as numbers, the
 * rest by code point, so the order is the same on every machine whatever the database's or the JVM's locale
 * (the year-end report depends on that for its bytes).
 */
public final class ProjectIdOrder implements Comparator<String> {

    public static final Comparator<String> NATURAL = new ProjectIdOrder();

    private ProjectIdOrder() {
    }

    /**
     * The items by their ids in this order, as sorting them with {@link #NATURAL} gives them, but each id taken apart
     * once rather than in each comparison: a roadmap sorts 10,000 ids with each answer. An id of the usual shape (a
     * prefix without digits, then at most 18 ASCII digits without a leading zero) is compared by its prefix as text and
     * then by its number, which is what {@link #compare} concludes for two such ids; any other id goes through it.
     */
    public static <T> List<T> sorted(List<T> items, Function<T, String> idOf) {
        @SuppressWarnings("unchecked")
        Keyed<T>[] keyed = new Keyed[items.size()];
        for (int i = 0; i < keyed.length; i++) {
            T item = items.get(i);
            keyed[i] = Keyed.of(item, idOf.apply(item));
        }
        Arrays.sort(keyed);
        return Arrays.stream(keyed).map(Keyed::item).toList();
    }

    /** @param prefix null when the id is not of the usual shape; @param number the digits after the prefix */
    private record Keyed<T>(T item, String id, String prefix, long number) implements Comparable<Keyed<T>> {

        private static final int MOST_DIGITS = 18; // fits a long

        static <T> Keyed<T> of(T item, String id) {
            int digitsFrom = 0;
            while (digitsFrom < id.length() && !Character.isDigit(id.charAt(digitsFrom))) {
                digitsFrom++;
            }
            int digits = id.length() - digitsFrom;
            if (digitsFrom == 0 || digits == 0 || digits > MOST_DIGITS || (digits > 1 && id.charAt(digitsFrom) == '0')) {
                return new Keyed<>(item, id, null, 0);
            }
            long number = 0;
            for (int k = digitsFrom; k < id.length(); k++) {
                char c = id.charAt(k);
                if (c < '0' || c > '9') {
                    return new Keyed<>(item, id, null, 0);
                }
                number = number * 10 + (c - '0');
            }
            return new Keyed<>(item, id, id.substring(0, digitsFrom), number);
        }

        @Override
        public int compareTo(Keyed<T> other) {
            if (prefix == null || other.prefix == null) {
                return NATURAL.compare(id, other.id);
            }
            int byPrefix = prefix.compareTo(other.prefix);
            return byPrefix != 0 ? byPrefix : Long.compare(number, other.number);
        }
    }

    @Override
    public int compare(String a, String b) {
        // Compares the runs in place: a roadmap sorts 10,000 ids with each answer, and substrings were most of it.
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            boolean digitsA = Character.isDigit(a.charAt(i));
            boolean digitsB = Character.isDigit(b.charAt(j));
            int endA = runEnd(a, i, digitsA);
            int endB = runEnd(b, j, digitsB);
            int order = digitsA && digitsB
                    ? compareNumbers(a, i, endA, b, j, endB)
                    : compareText(a, i, endA, b, j, endB);
            if (order != 0) {
                return order;
            }
            i = endA;
            j = endB;
        }
        int byLength = Integer.compare(a.length() - i, b.length() - j);
        return byLength != 0 ? byLength : a.compareTo(b); // "TE-010" and "TE-10" still get a fixed order
    }

    private static int runEnd(String s, int from, boolean digits) {
        int end = from;
        while (end < s.length() && Character.isDigit(s.charAt(end)) == digits) {
            end++;
        }
        return end;
    }

    /** Runs of digits by value: leading zeros skipped, then the longer is larger, then digit by digit. */
    private static int compareNumbers(String a, int fromA, int endA, String b, int fromB, int endB) {
        int x = skipLeadingZeros(a, fromA, endA);
        int y = skipLeadingZeros(b, fromB, endB);
        int byLength = Integer.compare(endA - x, endB - y);
        return byLength != 0 ? byLength : compareText(a, x, endA, b, y, endB);
    }

    private static int skipLeadingZeros(String digits, int from, int end) {
        int k = from;
        while (k < end - 1 && digits.charAt(k) == '0') {
            k++;
        }
        return k;
    }

    /** {@link String#compareTo} of the two ranges. */
    private static int compareText(String a, int fromA, int endA, String b, int fromB, int endB) {
        int length = Math.min(endA - fromA, endB - fromB);
        for (int k = 0; k < length; k++) {
            char x = a.charAt(fromA + k);
            char y = b.charAt(fromB + k);
            if (x != y) {
                return x - y;
            }
        }
        return (endA - fromA) - (endB - fromB);
    }
}
