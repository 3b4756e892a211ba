package fi.tiekartta.query.ui;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.util.Optional;

/**
 * Where the roadmap page sends commands (reporting a status, opening and closing rounds):
 * {@code tiekartta.ui.command-url} ({@code TIEKARTTA_UI_COMMAND_URL}), the command-service's base URL as a browser
 * reaches it, e.g. {@code http://localhost:8081}. That origin must allow this page's origin in its own
 * {@code tiekartta.cors.allowed-origins}. Empty: commands go to the page's own origin (a reverse proxy in front of
 * both services that routes them).
 */
@ConfigurationProperties("tiekartta.ui")
public record UiCommandServiceProperties(String commandUrl) {

    public UiCommandServiceProperties {
        commandUrl = commandUrl == null ? "" : commandUrl.strip().replaceAll("/+$", "");
        if (!commandUrl.isEmpty()) {
            URI uri = URI.create(commandUrl);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("tiekartta.ui.command-url must be an absolute http(s) URL: " + commandUrl);
            }
        }
    }

    /** The origin the page's script must be allowed to connect to; none when commands go to the page's own. */
    public Optional<String> origin() {
        if (commandUrl.isEmpty()) {
            return Optional.empty();
        }
        URI uri = URI.create(commandUrl);
        return Optional.of(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
    }
}
