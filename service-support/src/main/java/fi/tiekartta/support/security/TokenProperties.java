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
 * @param clockSkew   how far token expiry may be off between machines
 * @param maxLifetime the longest a token may be valid ({@code exp} after {@code iat}, or after now where a token
 *                    has no {@code iat}); every token must expire, and one that would live longer is refused, so a
 *                    leaked token is useful only for a while ({@code TIEKARTTA_JWT_MAX_LIFETIME}, default 12 hours)
 */
@ConfigurationProperties("tiekartta.jwt")
public record TokenProperties(String secret, String issuer, String audience, Duration clockSkew, Duration maxLifetime) {

    public TokenProperties {
        clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
        maxLifetime = maxLifetime == null ? Duration.ofHours(12) : maxLifetime;
    }
}
