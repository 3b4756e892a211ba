package fi.tiekartta.command.security;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Only exact origins open CORS: a wildcard or an address with a path would open more than was meant. */
class CorsPropertiesTest {

    @Test
    void exactOrigins_areTakenAsWritten_andBlanksNameNone() {
        assertThat(new CorsProperties(List.of(" https://tiekartta.example.fi/ ", "", "http://localhost:8082")).allowedOrigins())
                .containsExactly("https://tiekartta.example.fi", "http://localhost:8082");
        assertThat(new CorsProperties(null).allowedOrigins()).isEmpty();
    }

    @Test
    void aWildcard_aPath_orAnotherScheme_stopsTheServiceAtStart() {
        for (String notAnOrigin : List.of("*", "https://tiekartta.example.fi/ui", "ftp://tiekartta.example.fi",
                                          "tiekartta.example.fi", "https://tiekartta.example.fi?x=1")) {
            assertThatThrownBy(() -> new CorsProperties(List.of(notAnOrigin)))
                    .as(notAnOrigin).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("tiekartta.cors.allowed-origins");
        }
    }
}
