package fi.tiekartta.query.report;

import fi.tiekartta.query.audit.EventLogDigest;
import fi.tiekartta.vocabulary.Sectors;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** A report is made only from read models that hold every event up to its knownAt. */
class YearEndCatchUpTest {

    private static final Instant KNOWN_AT = Instant.parse("2024-01-15T12:00:00.123Z");

    private final ReportTimelines timelines = mock(ReportTimelines.class);
    private final EventLogDigest digest = mock(EventLogDigest.class);
    private final YearEndReports reports = new YearEndReports(timelines, digest, Sectors.HEINOLA,
                                                              mock(PlatformTransactionManager.class),
                                                              Clock.systemUTC(), Duration.ofMillis(300));

    @Test
    void aReport_waitsForTheProjectionToApplyEventsRecordedUpToKnownAt() {
        when(timelines.eventsNotYetProjected(KNOWN_AT)).thenReturn(2L, 1L, 0L);
        when(timelines.timelinesOfYear(anyInt(), any())).thenReturn(List.of());
        when(digest.digestAt(KNOWN_AT)).thenReturn("sha256:abc");

        YearEnd report = reports.report(2023, KNOWN_AT);

        assertThat(report.digest()).isEqualTo("sha256:abc");
        assertThat(report.asOf()).isEqualTo(LocalDate.of(2023, 12, 31));
        assertThat(report.sectors()).hasSize(Sectors.HEINOLA.all().size());
        verify(timelines).timelinesOfYear(2023, KNOWN_AT);
    }

    @Test
    void aReport_isRefused_whenTheProjectionDoesNotCatchUpInTime() {
        when(timelines.eventsNotYetProjected(KNOWN_AT)).thenReturn(1L);

        assertThatThrownBy(() -> reports.report(2023, KNOWN_AT)).isInstanceOf(ReadModelBehindException.class)
                                                                 .hasMessageContaining(KNOWN_AT.toString());
        verify(digest, never()).digestAt(any());
    }
}
