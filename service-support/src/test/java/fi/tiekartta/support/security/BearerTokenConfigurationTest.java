package fi.tiekartta.support.security;

import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BearerTokenConfigurationTest {

    private final BearerTokenConfiguration configuration = new BearerTokenConfiguration();

    @Test
    void aLocalSecretShorterThan32Bytes_stopsTheServiceFromStarting() {
        TokenProperties tokens = new TokenProperties("only-31-bytes-long-secret-xxxxx", null, null, null);

        assertThatThrownBy(() -> configuration.jwtDecoder(tokens, new OAuth2ResourceServerProperties()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("31 bytes; HS256 needs at least 32");
    }

    @Test
    void withNoWayToVerifyTokens_theServiceDoesNotStart() {
        assertThatThrownBy(() -> configuration.jwtDecoder(new TokenProperties(null, null, null, null),
                                                          new OAuth2ResourceServerProperties()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("set TIEKARTTA_JWT_SECRET");
    }

    @Test
    void theLocalSecret_verifiesLocallySignedTokens() {
        TokenProperties tokens = new TokenProperties(TestTokens.SECRET, null, null, null);

        Jwt jwt = configuration.jwtDecoder(tokens, new OAuth2ResourceServerProperties())
                               .decode(TestTokens.mint("matti.m", "OWNER"));

        assertThat(jwt.getSubject()).isEqualTo("matti.m");
    }

    @Test
    void aJwkSet_takesPrecedenceOverTheLocalSecret_soLocallySignedTokensNoLongerPass() {
        OAuth2ResourceServerProperties resourceServer = new OAuth2ResourceServerProperties();
        resourceServer.getJwt().setJwkSetUri("http://127.0.0.1:9/no-keys-here");
        TokenProperties tokens = new TokenProperties(TestTokens.SECRET, null, null, null);

        assertThatThrownBy(() -> configuration.jwtDecoder(tokens, resourceServer).decode(TestTokens.mint("matti.m", "OWNER")))
                .isInstanceOf(JwtException.class);
    }

    @Test
    void aConfiguredAudience_refusesTokensForAnotherAudience() {
        TokenProperties tokens = new TokenProperties(TestTokens.SECRET, null, "api://tiekartta", null);

        assertThatThrownBy(() -> configuration.jwtDecoder(tokens, new OAuth2ResourceServerProperties())
                                              .decode(TestTokens.mint("matti.m", "OWNER")))
                .isInstanceOf(JwtException.class)
                .hasMessageContaining("wrong audience");
    }
}
