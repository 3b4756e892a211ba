package fi.tiekartta.query.projects;

import fi.tiekartta.support.web.FieldViolation;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code cursor} of a page of {@code GET /api/projects}: opaque to clients (base64url), it names the last
 * project of the page before, so the next page starts after it. Versioned, so that its form can change.
 */
final class ListCursor {

    private static final String FORM = "p1:";

    private ListCursor() {
    }

    static String after(String projectId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((FORM + projectId).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws InvalidQueryException (400 naming {@code cursor}) for anything this service did not hand out */
    static String projectIdOf(String cursor) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            text = "";
        }
        if (!text.startsWith(FORM) || text.length() == FORM.length()) {
            throw new InvalidQueryException(new FieldViolation("cursor", "must be the nextCursor of a previous page"));
        }
        return text.substring(FORM.length());
    }
}
