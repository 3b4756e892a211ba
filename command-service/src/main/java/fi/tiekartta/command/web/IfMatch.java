package fi.tiekartta.command.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the project version from an {@code If-Match} header. The query-service's ETag is the version in
 * quotes ({@code "3"}); a bare number and a weak tag are accepted too, because clients copy them either way.
 */
public final class IfMatch {

    private static final Pattern VERSION = Pattern.compile("\\s*(?:W/)?\"?(\\d{1,18})\"?\\s*");

    private IfMatch() {
    }

    /** @return the version, or {@code null} when any version will do */
    public static Long parseVersion(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null; // "*" matches any current version of an existing project (RFC 9110)
        }
        Matcher matcher = VERSION.matcher(header);
        if (!matcher.matches()) {
            throw new InvalidHeaderException("If-Match", "must be a project version such as \"3\" (the ETag of the project)");
        }
        return Long.parseLong(matcher.group(1));
    }
}
