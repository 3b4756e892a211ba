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
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int endA = runEnd(a, i);
            int endB = runEnd(b, j);
            boolean digitsA = Character.isDigit(a.charAt(i));
            boolean digitsB = Character.isDigit(b.charAt(j));
            int order = digitsA && digitsB
                    ? compareNumbers(a.substring(i, endA), b.substring(j, endB))
                    : a.substring(i, endA).compareTo(b.substring(j, endB));
            if (order != 0) {
                return order;
            }
            i = endA;
            j = endB;
        }
        int byLength = Integer.compare(a.length() - i, b.length() - j);
        return byLength != 0 ? byLength : a.compareTo(b); // "TE-010" and "TE-10" still get a fixed order
    }

    private static int runEnd(String s, int from) {
        boolean digits = Character.isDigit(s.charAt(from));
        int end = from;
        while (end < s.length() && Character.isDigit(s.charAt(end)) == digits) {
            end++;
        }
        return end;
    }

    private static int compareNumbers(String a, String b) {
        String x = stripLeadingZeros(a);
        String y = stripLeadingZeros(b);
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }

    private static String stripLeadingZeros(String digits) {
        int k = 0;
        while (k < digits.length() - 1 && digits.charAt(k) == '0') {
            k++;
        }
        return digits.substring(k);
    }
}
