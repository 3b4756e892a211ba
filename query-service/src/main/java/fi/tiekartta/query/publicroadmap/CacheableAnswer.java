package fi.tiekartta.query.publicroadmap;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Consumer;

/**
 * A public answer that caches may keep: {@code Cache-Control: public} with a max-age, a strong {@code ETag} made
 * from the bytes themselves (so equal answers have equal tags, whichever instance made them), and 304 when the
 * client already holds those bytes ({@code If-None-Match}, weak comparison as RFC 9110 13.1.2 asks).
 */
final class CacheableAnswer {

    private CacheableAnswer() {
    }

    static ResponseEntity<byte[]> of(byte[] body, MediaType type, Duration maxAge, String ifNoneMatch,
                                     Consumer<HttpHeaders> moreHeaders) {
        String etag = etagOf(body);
        HttpHeaders headers = new HttpHeaders();
        headers.setETag(etag);
        headers.setCacheControl(CacheControl.maxAge(maxAge).cachePublic());
        moreHeaders.accept(headers);
        if (matches(ifNoneMatch, etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).headers(headers).build();
        }
        return ResponseEntity.ok().headers(headers).contentType(type).body(body);
    }

    static String etagOf(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || opaque(tag).equals(opaque(etag))) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
