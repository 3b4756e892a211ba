package fi.tiekartta.query.roadmap;

import java.util.Comparator;

/**
 * Project ids as people read them: {@code TE-9} before {@code TE-10}. Runs of digits compare as numbers, the
 * rest by code point, so the order is the same on every machine whatever the database's or the JVM's locale
 * (the year-end report depends on that for its bytes).
 */
public final class ProjectIdOrder implements Comparator<String> {

    public static final Comparator<String> NATURAL = new ProjectIdOrder();

    private ProjectIdOrder() {
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
