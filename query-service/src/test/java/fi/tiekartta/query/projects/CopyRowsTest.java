package fi.tiekartta.query.projects;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class CopyRowsTest {

    @Test
    void instantsAndDates_areWrittenAsTheirToString() {
        Random random = new Random(11);
        for (int i = 0; i < 10_000; i++) {
            long seconds = random.nextLong(-62_000_000_000L, 253_402_300_799L); // years 0..9999
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant at = Instant.ofEpochSecond(seconds, nanos);
            LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
            assertThat(new CopyRows().row(at, day).text()).isEqualTo(at + "\t" + day + "\n");
        }
        Instant far = Instant.parse("+12024-01-01T00:00:00Z");
        assertThat(new CopyRows().row(far, LocalDate.of(-1, 1, 1)).text()).isEqualTo(far + "\t-0001-01-01\n");
    }

    @Test
    void nullsAndSpecialCharacters_areEscaped() {
        assertThat(new CopyRows().row(null, "a\tb\\c\nd\re", 42).text()).isEqualTo("\\N\ta\\tb\\\\c\\nd\\re\t42\n");
    }
}
