package fi.tiekartta.query.projects;

import fi.tiekartta.support.web.FieldViolation;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code limit} and {@code cursor} of a paged list ({@code GET /api/projects}, {@code GET /api/roadmap}): the
 * cursor is opaque to clients (base64url) and names the last project of the page before, so the next page starts
 * after it. Versioned, so that its form can change. A list whose pages are cut from one answer binds its cursors
 * to that answer's scope (its day, instant and filter), so a cursor asked with another scope is refused rather
 * than answered with a page of a different list.
 */
public final class ListCursor {

    /** Pages are at most this long. */
    public static final int MAX_LIMIT = 1000;

    private static final String FORM = "p1:";
    private static final String SCOPED_FORM = "p2:";
    private static final char SCOPE_END = '\n';

    private ListCursor() {
    }

    /** @throws InvalidQueryException (400 naming {@code limit} or {@code cursor}) for a limit out of bounds or a cursor without one */
    public static void requireValidPaging(Integer limit, String cursor) {
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw new InvalidQueryException(new FieldViolation("limit", "must be between 1 and " + MAX_LIMIT));
        }
        if (cursor != null && limit == null) {
            throw new InvalidQueryException(new FieldViolation("cursor", "needs a limit"));
        }
    }

    static String after(String projectId) {
        return encode(FORM + projectId);
    }

    /** @param scope what the list's pages depend on, without a line break (the caller's own spelling) */
    public static String after(String projectId, String scope) {
        if (scope.indexOf(SCOPE_END) >= 0) {
            throw new IllegalArgumentException("a cursor's scope is one line");
        }
        return encode(SCOPED_FORM + scope + SCOPE_END + projectId);
    }

    /** @throws InvalidQueryException (400 naming {@code cursor}) for anything this service did not hand out */
    static String projectIdOf(String cursor) {
        String text = decode(cursor);
        if (!text.startsWith(FORM) || text.length() == FORM.length()) {
            throw notHandedOut();
        }
        return text.substring(FORM.length());
    }

    /**
     * @throws InvalidQueryException (400 naming {@code cursor}) for anything this service did not hand out, or a
     *                               cursor handed out for another scope
     */
    public static String projectIdOf(String cursor, String scope) {
        String text = decode(cursor);
        int scopeEnd = text.indexOf(SCOPE_END);
        if (!text.startsWith(SCOPED_FORM) || scopeEnd < 0 || scopeEnd == text.length() - 1) {
            throw notHandedOut();
        }
        if (!text.substring(SCOPED_FORM.length(), scopeEnd).equals(scope)) {
            throw new InvalidQueryException(new FieldViolation(
                    "cursor", "belongs to a page of another asOf, knownAt or filter; ask with those of the page it came from"));
        }
        return text.substring(scopeEnd + 1);
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static InvalidQueryException notHandedOut() {
        return new InvalidQueryException(new FieldViolation("cursor", "must be the nextCursor of a previous page"));
    }
}
