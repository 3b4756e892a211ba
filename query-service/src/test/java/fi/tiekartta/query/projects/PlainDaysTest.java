package fi.tiekartta.query.projects;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** A day read by position is the day ISO reading gives, or null where that fails. */
class PlainDaysTest {

    @Test
    void aDayReadByPosition_isTheIsoDay() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            LocalDate day = LocalDate.ofEpochDay(random.nextInt(-200_000, 200_000)); // years 1422 to 2517
            String text = day.toString();
            LocalDate read = PlainDays.day(text);
            assertThat(read).as(text).isEqualTo(day);
        }
    }

    @Test
    void whatIsNotADayInThatForm_isNull() {
        for (String text : List.of("2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-01-00", "2024-1-01",
                                   "2024/01/01", "20x4-01-01", "+2024-01-01", "2024-01-011", "2024-04-31")) {
            assertThat(PlainDays.day(text)).as(text).isNull();
            assertThat(isoDay(text)).as(text).isNull();
        }
        assertThat(PlainDays.day("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(PlainDays.day("1900-02-28")).isEqualTo(LocalDate.of(1900, 2, 28));
        assertThat(PlainDays.day("1900-02-29")).isNull();
    }

    private static LocalDate isoDay(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
