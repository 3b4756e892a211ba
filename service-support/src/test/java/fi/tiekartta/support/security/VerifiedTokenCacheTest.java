package fi.tiekartta.support.security;

import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Verified tokens are kept for their next use, without any check being skipped on that use. */
class VerifiedTokenCacheTest {

    private final MovableClock clock = new MovableClock(Instant.now());
    private final JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ofSeconds(30));
    private final CountingDecoder verifier = new CountingDecoder(nimbus(timestamps));
    private final JwtDecoder decoder = new VerifiedTokenCache(verifier, timestamps);

    VerifiedTokenCacheTest() {
        timestamps.setClock(clock);
    }

    @Test
    void aTokenUsedAgain_isNotVerifiedAgain() {
        String token = TestTokens.mint("matti.m", "OWNER");

        Jwt first = decoder.decode(token);
        Jwt second = decoder.decode(token);

        assertThat(second.getSubject()).isEqualTo("matti.m");
        assertThat(second).isSameAs(first);
        assertThat(verifier.decoded).containsExactly(token);
    }

    @Test
    void aKeptTokenThatHasSinceExpired_isRefused_andNoLongerKept() {
        String token = TestTokens.mint(TestTokens.SECRET, "matti.m", clock.instant().plus(Duration.ofMinutes(1)), "OWNER");
        JwtDecoder production = BearerTokenConfiguration.jwtDecoder(
                new TokenProperties(TestTokens.SECRET, null, null, null, null), new OAuth2ResourceServerProperties(), clock);
        production.decode(token);

        clock.move(Duration.ofMinutes(2)); // past exp and the 30 s of clock skew

        assertThatThrownBy(() -> production.decode(token)).isInstanceOf(JwtValidationException.class)
                                                          .hasMessageContaining("expired");
        assertThatThrownBy(() -> production.decode(token)).isInstanceOf(JwtValidationException.class)
                                                          .hasMessageContaining("expired");
    }

    @Test
    void aKeptTokenRefusedOnUse_isVerifiedInFullNextTime() {
        String token = TestTokens.mint(TestTokens.SECRET, "matti.m", clock.instant().plus(Duration.ofMinutes(1)), "OWNER");
        decoder.decode(token);
        clock.move(Duration.ofMinutes(2));
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class);

        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);

        assertThat(verifier.decoded).containsExactly(token, token);
    }

    @Test
    void aTokenThatFailed_isNeverKept() {
        String token = TestTokens.mint("matti.m", "OWNER");
        String[] parts = token.split("\\.");
        String otherSignature = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        assertThatThrownBy(() -> decoder.decode(otherSignature)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(otherSignature)).isInstanceOf(JwtException.class);

        assertThat(verifier.decoded).containsExactly(otherSignature, otherSignature);
    }

    @Test
    void aTamperedCopyOfAKeptToken_isRefused() {
        String token = TestTokens.mint("matti.m", "OWNER");
        decoder.decode(token);
        String[] parts = token.split("\\.");
        String coordinator = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("OWNER", "COORDINATOR").getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> decoder.decode(parts[0] + "." + coordinator + "." + parts[2]))
                .isInstanceOf(JwtException.class);
    }

    private static JwtDecoder nimbus(JwtTimestampValidator validator) {
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(BearerTokenConfiguration.hmacKey(TestTokens.SECRET))
                                                  .macAlgorithm(MacAlgorithm.HS256).build();
        nimbus.setJwtValidator(validator);
        return nimbus;
    }

    private static final class CountingDecoder implements JwtDecoder {
        private final JwtDecoder delegate;
        private final List<String> decoded = new ArrayList<>();

        CountingDecoder(JwtDecoder delegate) {
            this.delegate = delegate;
        }

        @Override
        public Jwt decode(String token) {
            decoded.add(token);
            return delegate.decode(token);
        }
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
