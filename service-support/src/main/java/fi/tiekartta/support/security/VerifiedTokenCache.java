package fi.tiekartta.support.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.time.Duration;
import java.util.Collection;

/**
 * Bearer tokens already verified, kept by their exact text, so that a client sending the same token again (every
 * request of a session does) is not parsed and its signature checked again: that was the largest single cost of the
 * security filter chain per request (docs/PERFORMANCE.md).
 *
 * <p>Only a token that passed every check is kept; one that failed is verified again in full next time. Each use of
 * a kept token runs the validators again (expiry and not-before with the clock skew, the bounded lifetime, subject,
 * issuer, audience), so a kept token is refused from the moment it expires, as an unkept one would be. An entry is
 * dropped {@link #KEPT_FOR} after its verification at the latest, so a signing key the identity provider withdraws
 * stops vouching for tokens already verified with it within that time; at most {@link #MAX_TOKENS} are kept.
 */
final class VerifiedTokenCache implements JwtDecoder {

    static final int MAX_TOKENS = 10_000;
    static final Duration KEPT_FOR = Duration.ofMinutes(5);

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified = Caffeine.newBuilder()
                                                        .maximumSize(MAX_TOKENS)
                                                        .expireAfterWrite(KEPT_FOR)
                                                        .build();

    /**
     * @param verifier  decodes, verifies the signature of and validates a token, throwing for any that fails
     * @param validator the validators {@code verifier} runs, run again on every use of a kept token
     */
    VerifiedTokenCache(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator) {
        this.verifier = verifier;
        this.validator = validator;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt kept = verified.getIfPresent(token);
        if (kept == null) {
            Jwt jwt = verifier.decode(token);
            verified.put(token, jwt);
            return jwt;
        }
        OAuth2TokenValidatorResult result = validator.validate(kept);
        if (result.hasErrors()) {
            verified.invalidate(token);
            throw new JwtValidationException(message(result.getErrors()), result.getErrors());
        }
        return kept;
    }

    /** The message Spring's own decoder gives a token that fails validation. */
    private static String message(Collection<OAuth2Error> errors) {
        return errors.stream()
                     .map(OAuth2Error::getDescription)
                     .filter(description -> description != null && !description.isEmpty())
                     .findFirst()
                     .map(description -> "An error occurred while attempting to decode the Jwt: " + description)
                     .orElse("Unable to validate Jwt");
    }
}
