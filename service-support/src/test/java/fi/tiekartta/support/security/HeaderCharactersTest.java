package fi.tiekartta.support.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The firewall's character checks accept exactly what Spring's default regular expressions accept. */
class HeaderCharactersTest {

    @Test
    void headerValues_acceptEveryCodePointSpringsDefaultAccepts_andNoOther() {
        assertSameOnEveryCodePoint(HeaderCharacters::allowedInValue, StrictHttpFirewall.ALLOWED_HEADER_VALUES);
    }

    @Test
    void headerAndParameterNames_acceptEveryCodePointSpringsDefaultAccepts_andNoOther() {
        assertSameOnEveryCodePoint(HeaderCharacters::allowedInName, StrictHttpFirewall.ALLOWED_HEADER_NAMES);
        assertSameOnEveryCodePoint(HeaderCharacters::allowedInName, StrictHttpFirewall.ALLOWED_PARAMETER_NAMES);
    }

    @Test
    void aControlCharacterAnywhereInAValue_isRefused_tabIsNot() {
        String token = "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYXR0aS5tIn0.c2lnbmF0dXJl";
        for (String value : new String[]{token + "\u0000", "\u0007" + token, token.replace('.', '\n'),
                                         token + "\u0085", token + "\u007f", token + "\ud83d\ude00\u0001"}) {
            assertThat(HeaderCharacters.allowedInValue(value)).as(value).isFalse();
            assertThat(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(value)).as(value).isFalse();
        }
        for (String value : new String[]{token, "", "a\tb", "Äänekoski – ÅÖ €", "\ud83d\ude00 emoji", "\ud800 lone"}) {
            assertThat(HeaderCharacters.allowedInValue(value)).as(value).isTrue();
            assertThat(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(value)).as(value).isTrue();
        }
        assertThat(HeaderCharacters.allowedInName("a\tb")).isFalse();
    }

    private static void assertSameOnEveryCodePoint(Predicate<String> ours, Predicate<String> springs) {
        int differences = 0;
        StringBuilder first = new StringBuilder();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String alone = Character.toString(codePoint);
            String inText = "ab" + alone + "cd";
            if (ours.test(alone) != springs.test(alone) || ours.test(inText) != springs.test(inText)) {
                if (differences++ < 10) {
                    first.append(String.format(" U+%04X", codePoint));
                }
            }
        }
        assertThat(differences).as("code points judged differently:" + first).isZero();
    }
}
