package fi.tiekartta.support.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How bearer tokens are verified. In production set {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}
 * or {@code ...jwk-set-uri} (an OIDC provider); for local use {@code TIEKARTTA_JWT_SECRET}, an HMAC key of at
 * least 32 bytes.
 *
 * @param secret    the local HS256 key ({@code TIEKARTTA_JWT_SECRET})
 * @param issuer    when set, the {@code iss} every token must carry
 * @param audience  when set, a value the token's {@code aud} must contain
 * @param clockSkew how far token expiry may be off between machines
 */
@ConfigurationProperties("tiekartta.jwt")
public record TokenProperties(String secret, String issuer, String audience, Duration clockSkew) {

    public TokenProperties {
        clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
    }
}
