package fi.tiekartta.support.security;

import fi.tiekartta.testsupport.TestTokens;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BearerTokenConfigurationTest {

    private final BearerTokenConfiguration configuration = new BearerTokenConfiguration();

    @Test
    void aLocalSecretShorterThan32Bytes_stopsTheServiceFromStarting() {
        TokenProperties tokens = new TokenProperties("only-31-bytes-long-secret-xxxxx", null, null, null, null);

        assertThatThrownBy(() -> configuration.jwtDecoder(tokens, new OAuth2ResourceServerProperties()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("31 bytes; HS256 needs at least 32");
    }

    @Test
    void withNoWayToVerifyTokens_theServiceDoesNotStart() {
        assertThatThrownBy(() -> configuration.jwtDecoder(new TokenProperties(null, null, null, null, null),
                                                          new OAuth2ResourceServerProperties()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("set TIEKARTTA_JWT_SECRET");
    }

    @Test
    void theLocalSecret_verifiesLocallySignedTokens() {
        TokenProperties tokens = new TokenProperties(TestTokens.SECRET, null, null, null, null);

        Jwt jwt = configuration.jwtDecoder(tokens, new OAuth2ResourceServerProperties())
                               .decode(TestTokens.mint("matti.m", "OWNER"));

        assertThat(jwt.getSubject()).isEqualTo("matti.m");
    }

    @Test
    void aJwkSet_takesPrecedenceOverTheLocalSecret_soLocallySignedTokensNoLongerPass() {
        OAuth2ResourceServerProperties resourceServer = new OAuth2ResourceServerProperties();
        resourceServer.getJwt().setJwkSetUri("http://127.0.0.1:9/no-keys-here");
        TokenProperties tokens = new TokenProperties(TestTokens.SECRET, null, null, null, null);

        assertThatThrownBy(() -> configuration.jwtDecoder(tokens, resourceServer).decode(TestTokens.mint("matti.m", "OWNER")))
                .isInstanceOf(JwtException.class);
    }

    @Test
    void aConfiguredAudience_refusesTokensForAnotherAudience() {
        TokenProperties tokens = new TokenProperties(TestTokens.SECRET, null, "api://tiekartta", null, null);

        assertThatThrownBy(() -> configuration.jwtDecoder(tokens, new OAuth2ResourceServerProperties())
                                              .decode(TestTokens.mint("matti.m", "OWNER")))
                .isInstanceOf(JwtException.class)
                .hasMessageContaining("wrong audience");
    }

    @Test
    void aTokenWithoutExpiry_isRefused_becauseItWouldNeverExpire() {
        assertThatThrownBy(() -> localDecoder().decode(signed(new JWTClaimsSet.Builder().subject("matti.m")
                                                                                      .issueTime(new Date()).build())))
                .isInstanceOf(JwtException.class)
                .hasMessageContaining("token has no expiry");
    }

    @Test
    void aTokenLivingLongerThanTheLimit_isRefused_andOneWithinIt_passes() {
        Instant now = Instant.now();
        String tooLong = signed(new JWTClaimsSet.Builder().subject("matti.m").issueTime(Date.from(now))
                                                          .expirationTime(Date.from(now.plus(Duration.ofHours(13)))).build());
        String eightHours = signed(new JWTClaimsSet.Builder().subject("matti.m").issueTime(Date.from(now))
                                                             .expirationTime(Date.from(now.plus(Duration.ofHours(8)))).build());
        String noIssueTimeButFarOff = signed(new JWTClaimsSet.Builder().subject("matti.m")
                                                                       .expirationTime(Date.from(now.plus(Duration.ofDays(30)))).build());

        assertThatThrownBy(() -> localDecoder().decode(tooLong)).isInstanceOf(JwtException.class)
                                                                .hasMessageContaining("lives longer than PT12H");
        assertThatThrownBy(() -> localDecoder().decode(noIssueTimeButFarOff)).isInstanceOf(JwtException.class)
                                                                             .hasMessageContaining("lives longer");
        assertThat(localDecoder().decode(eightHours).getSubject()).isEqualTo("matti.m");
    }

    private JwtDecoder localDecoder() {
        return configuration.jwtDecoder(new TokenProperties(TestTokens.SECRET, null, null, null, null),
                                        new OAuth2ResourceServerProperties());
    }

    private static String signed(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(TestTokens.SECRET.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
