package fi.tiekartta.command.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.util.List;

/**
 * Which other origins' pages may send commands from a browser: {@code tiekartta.cors.allowed-origins}
 * ({@code TIEKARTTA_CORS_ALLOWED_ORIGINS}, comma-separated), typically the query-service's origin, which serves the
 * roadmap page. Empty by default: no page of another origin may call the command API (as without this setting).
 * Each entry is an exact origin ({@code https://tiekartta.heinola.fi}, a trailing slash forgiven); a wildcard or a
 * path is refused at start-up, since an origin the organisation did not name is exactly what this setting keeps out.
 */
@ConfigurationProperties("tiekartta.cors")
public record CorsProperties(List<String> allowedOrigins) {

    public CorsProperties {
        allowedOrigins = allowedOrigins == null ? List.of()
                : allowedOrigins.stream().map(o -> o.strip().replaceAll("/+$", "")).filter(o -> !o.isEmpty())
                                .map(CorsProperties::origin).toList();
    }

    private static String origin(String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tiekartta.cors.allowed-origins: not an origin: " + value, e);
        }
        boolean bare = (uri.getPath() == null || uri.getPath().isEmpty()) && uri.getQuery() == null
                       && uri.getFragment() == null && uri.getUserInfo() == null;
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null || !bare) {
            throw new IllegalArgumentException("tiekartta.cors.allowed-origins: each entry must be an origin such as "
                                               + "https://tiekartta.example.fi (scheme, host and port only): " + value);
        }
        return value;
    }
}
