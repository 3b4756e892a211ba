package fi.tiekartta.query.ui;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.util.Optional;

/**
 * How the roadmap page signs people in: {@code tiekartta.ui.oidc.issuer}, {@code .client-id}, {@code .scope}
 * (or {@code TIEKARTTA_UI_OIDC_ISSUER} etc.). Without an issuer the page is in local mode and takes a token
 * from a sign-in link ({@code bin/run} prints one).
 *
 * @param issuer   the OpenID Provider's issuer URL, where {@code /.well-known/openid-configuration} is found
 * @param clientId the page's public client (Authorization Code with PKCE, no secret: a browser keeps none)
 * @param scope    what to ask for; the access token it yields must be one the services accept
 */
@ConfigurationProperties("tiekartta.ui.oidc")
public record UiOidcProperties(String issuer, String clientId, String scope) {

    public UiOidcProperties {
        issuer = issuer == null ? "" : issuer.strip();
        clientId = clientId == null ? "" : clientId.strip();
        scope = scope == null || scope.isBlank() ? "openid" : scope.strip();
        if (!issuer.isEmpty()) {
            URI uri = URI.create(issuer);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("tiekartta.ui.oidc.issuer must be an absolute URL: " + issuer);
            }
            if (clientId.isEmpty()) {
                throw new IllegalArgumentException("tiekartta.ui.oidc.client-id must be set when the issuer is");
            }
        }
    }

    public boolean enabled() {
        return !issuer.isEmpty();
    }

    /** The issuer's origin, which the page must be allowed to fetch from (discovery and token endpoint). */
    public Optional<String> issuerOrigin() {
        if (!enabled()) {
            return Optional.empty();
        }
        URI uri = URI.create(issuer);
        return Optional.of(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
    }
}
