package fi.tiekartta.query.axon;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** How far behind a processor is, from its position, the store's head and the time of its last event. */
class ProcessorProgressTest {

    private static final Instant NOW = Instant.parse("2026-01-15T12:00:10Z");

    @Test
    void behindTheHead_theLagIsTheAgeOfTheLastEventItGotThrough() {
        ProcessorMonitoring.Progress progress = new ProcessorMonitoring.Progress(
                NOW, 2, OptionalLong.of(90), 100, Optional.of(Instant.parse("2026-01-15T12:00:07.500Z")));

        assertThat(progress.behind()).isEqualTo(10);
        assertThat(progress.lagSeconds(NOW)).isEqualTo(2.5);
    }

    @Test
    void atTheHead_itIsNeitherLateNorBehind_howeverOldItsLastEvent() {
        ProcessorMonitoring.Progress progress = new ProcessorMonitoring.Progress(
                NOW, 2, OptionalLong.of(100), 100, Optional.empty());

        assertThat(progress.behind()).isZero();
        assertThat(progress.lagSeconds(NOW)).isZero();
    }

    @Test
    void withNoSegmentClaimedHere_itIsUnknownHere() {
        ProcessorMonitoring.Progress progress = new ProcessorMonitoring.Progress(
                NOW, 0, OptionalLong.empty(), 100, Optional.empty());

        assertThat(progress.behind()).isNaN();
        assertThat(progress.lagSeconds(NOW)).isNaN();
    }
}
