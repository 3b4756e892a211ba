package fi.tiekartta.support.security;

import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.util.StringUtils;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies bearer tokens. One decoder is chosen at start-up, most trusted first: a JWK set, an OIDC issuer,
 * then the local HMAC secret. With none configured the service does not start, rather than accept tokens
 * nobody can vouch for. Tokens that passed are kept for their next use ({@link VerifiedTokenCache}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({TokenProperties.class, OAuth2ResourceServerProperties.class})
@Import(FilterChainConfiguration.class)
public class BearerTokenConfiguration {

    static final int MIN_SECRET_BYTES = 32;
    static final String ROLES_CLAIM = "roles";

    @Bean
    public JwtDecoder jwtDecoder(TokenProperties tokens, OAuth2ResourceServerProperties resourceServer) {
        return jwtDecoder(tokens, resourceServer, Clock.systemUTC());
    }

    /** The decoder, with the clock its validators read (tests move it). */
    static JwtDecoder jwtDecoder(TokenProperties tokens, OAuth2ResourceServerProperties resourceServer, Clock clock) {
        String jwkSetUri = resourceServer.getJwt().getJwkSetUri();
        String issuerUri = resourceServer.getJwt().getIssuerUri();
        JwtDecoder decoder;
        OAuth2TokenValidator<Jwt> validator;
        if (StringUtils.hasText(jwkSetUri)) {
            validator = validator(tokens, issuerUri, clock);
            NimbusJwtDecoder nimbus = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
            nimbus.setJwtValidator(validator);
            decoder = nimbus;
        } else if (StringUtils.hasText(issuerUri)) {
            validator = validator(tokens, issuerUri, clock);
            // Resolved on first use, so a provider that is briefly down does not stop the service starting.
            decoder = new SupplierJwtDecoder(() -> {
                NimbusJwtDecoder nimbus = JwtDecoders.fromIssuerLocation(issuerUri);
                nimbus.setJwtValidator(validator);
                return nimbus;
            });
        } else if (StringUtils.hasText(tokens.secret())) {
            validator = validator(tokens, null, clock);
            NimbusJwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(hmacKey(tokens.secret()))
                                                      .macAlgorithm(MacAlgorithm.HS256)
                                                      .build();
            nimbus.setJwtValidator(validator);
            decoder = nimbus;
        } else {
            throw new IllegalStateException(
                    "No way to verify bearer tokens is configured: set TIEKARTTA_JWT_SECRET (local use, at least "
                    + MIN_SECRET_BYTES + " bytes) or spring.security.oauth2.resourceserver.jwt.issuer-uri / jwk-set-uri");
        }
        return new VerifiedTokenCache(decoder, validator);
    }

    /** Maps the {@code roles} claim to Spring authorities and uses {@code sub} as the actor's name. */
    @Bean
    public JwtAuthenticationConverter jwtAuthenticationConverter() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(ROLES_CLAIM);
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return converter;
    }

    static SecretKeySpec hmacKey(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("TIEKARTTA_JWT_SECRET is " + bytes.length + " bytes; HS256 needs at least "
                                            + MIN_SECRET_BYTES);
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    private static OAuth2TokenValidator<Jwt> validator(TokenProperties tokens, String issuerUri, Clock clock) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(tokens.clockSkew());
        timestamps.setClock(clock);
        validators.add(timestamps);
        validators.add(requireBoundedExpiry(tokens, clock));
        validators.add(requireSubject());
        String issuer = StringUtils.hasText(tokens.issuer()) ? tokens.issuer() : issuerUri;
        if (StringUtils.hasText(issuer)) {
            validators.add(new JwtIssuerValidator(issuer));
        }
        if (StringUtils.hasText(tokens.audience())) {
            validators.add(jwt -> jwt.getAudience() != null && jwt.getAudience().contains(tokens.audience())
                    ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "wrong audience", null)));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    /**
     * A token without {@code exp} would never expire (the timestamp validator checks {@code exp} only where there
     * is one), and one with a distant {@code exp} nearly so: both are refused.
     */
    static OAuth2TokenValidator<Jwt> requireBoundedExpiry(TokenProperties tokens, Clock clock) {
        return jwt -> {
            Instant expiresAt = jwt.getExpiresAt();
            if (expiresAt == null) {
                return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "token has no expiry (exp)", null));
            }
            // Spring fills in a missing iat as exp minus a second, so an iat in the future counts from now.
            Instant now = clock.instant();
            Instant from = jwt.getIssuedAt() != null && jwt.getIssuedAt().isBefore(now) ? jwt.getIssuedAt() : now;
            if (Duration.between(from, expiresAt).compareTo(tokens.maxLifetime().plus(tokens.clockSkew())) > 0) {
                return OAuth2TokenValidatorResult.failure(new OAuth2Error(
                        "invalid_token", "token lives longer than " + tokens.maxLifetime(), null));
            }
            return OAuth2TokenValidatorResult.success();
        };
    }

    /** Every change is attributed to the token's subject, so a token without one is useless here. */
    private static OAuth2TokenValidator<Jwt> requireSubject() {
        return jwt -> StringUtils.hasText(jwt.getSubject())
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "token has no subject", null));
    }
}
