package fi.tiekartta.support.security;

/**
 * The characters the firewall lets through in header names and values and in parameter names: the same set as
 * Spring's {@code StrictHttpFirewall} by default (every assigned Unicode character but the control characters, and
 * tab in a header value), checked a character at a time instead of by its regular expressions, which matched
 * every header of every request (the bearer token is hundreds of characters) through a union of Unicode property
 * classes. HeaderCharactersTest compares both over every code point.
 */
final class HeaderCharacters {

    private HeaderCharacters() {
    }

    /** A header or parameter name: assigned characters, none of them a control character. */
    static boolean allowedInName(String text) {
        return allowed(text, false);
    }

    /** A header value: assigned characters, none of them a control character but tab. */
    static boolean allowedInValue(String text) {
        return allowed(text, true);
    }

    private static boolean allowed(String text, boolean tabAllowed) {
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c >= ' ' && c < 0x7F) { // printable ASCII, nearly every character of a real request
                i++;
                continue;
            }
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || type == Character.CONTROL && !(tabAllowed && codePoint == '\t')) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
