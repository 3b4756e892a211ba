package fi.tiekartta.query.ui;

import java.util.ArrayList;
import java.util.List;

/** Edits of a Content-Security-Policy header value. */
final class ContentSecurityPolicies {

    private ContentSecurityPolicies() {
    }

    /**
     * The policy with {@code origin} added to what scripts may connect to, and nothing else changed. Without a
     * {@code connect-src} the browser falls back to {@code default-src}, so the new directive starts from that.
     */
    static String allowConnectTo(String policy, String origin) {
        List<String> directives = new ArrayList<>();
        String connect = null;
        String fallback = "'self'";
        for (String part : policy.split(";")) {
            String directive = part.strip();
            if (directive.isEmpty()) {
                continue;
            }
            String name = directive.split("\\s+", 2)[0].toLowerCase(java.util.Locale.ROOT);
            if (name.equals("connect-src")) {
                connect = directive;
                continue;
            }
            if (name.equals("default-src")) {
                fallback = directive.substring(name.length()).strip();
            }
            directives.add(directive);
        }
        String sources = connect != null ? connect.substring("connect-src".length()).strip() : fallback;
        if (sources.equals("'none'")) {
            sources = "";
        }
        if (!List.of(sources.split("\\s+")).contains(origin)) {
            sources = (sources + " " + origin).strip();
        }
        directives.add("connect-src " + sources);
        return String.join("; ", directives);
    }
}
