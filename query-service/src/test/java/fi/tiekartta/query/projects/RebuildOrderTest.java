package fi.tiekartta.query.projects;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static fi.tiekartta.query.projects.ProjectViewTable.rebuildOrder;
import static org.assertj.core.api.Assertions.assertThat;

/** The order a rebuild writes view rows in: believed rows first, each part by the day the row begins. */
class RebuildOrderTest {

    private static final Instant CLOSED = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void believedRowsComeFirst_evenAtTheEndsOfTheCalendar() {
        assertThat(rebuildOrder(LocalDate.MAX, null)).isLessThan(rebuildOrder(LocalDate.MIN, CLOSED));
        assertThat(rebuildOrder(LocalDate.MIN, null)).isLessThan(rebuildOrder(LocalDate.MAX, null));
        assertThat(rebuildOrder(LocalDate.MIN, CLOSED)).isLessThan(rebuildOrder(LocalDate.MAX, CLOSED));
    }

    @Test
    void eachPart_byTheDayItBegins_whateverItsRecordingTime() {
        LocalDate day = LocalDate.of(2023, 5, 1);
        assertThat(rebuildOrder(day, null)).isLessThan(rebuildOrder(day.plusDays(1), null));
        assertThat(rebuildOrder(day, CLOSED)).isLessThan(rebuildOrder(day.plusDays(1), CLOSED));
        assertThat(rebuildOrder(day, CLOSED)).isEqualTo(rebuildOrder(day, CLOSED.plusSeconds(60)));
    }
}
