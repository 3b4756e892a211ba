package fi.tiekartta.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Bearer tokens signed with the local HMAC secret the services are started with in tests. */
public final class TestTokens {

    /** The secret passed to the services as {@code TIEKARTTA_JWT_SECRET} in tests (HS256 wants 32 bytes or more). */
    public static final String SECRET = "test-secret-for-tiekartta-tests-only-000000";

    private TestTokens() {
    }

    public static String mint(String subject, String... roles) {
        return mint(SECRET, subject, Instant.now().plus(Duration.ofHours(1)), roles);
    }

    public static String mint(String secret, String subject, Instant expiresAt, String... roles) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issueTime(Date.from(expiresAt.minus(Duration.ofHours(1)))) // a token's life is an hour
                .expirationTime(Date.from(expiresAt))
                .claim("roles", List.of(roles))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
