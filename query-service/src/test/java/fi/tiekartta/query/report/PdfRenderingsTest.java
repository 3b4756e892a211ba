package fi.tiekartta.query.report;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link PdfRenderings}: renderings take turns, wait a bounded time for one, and always give theirs back. */
class PdfRenderingsTest {

    private static final byte[] PDF = {'%', 'P', 'D', 'F'};

    private final ExecutorService threads = Executors.newFixedThreadPool(3);
    private final AtomicInteger rendering = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void aSecondRendering_waitsForTheTurnOfTheFirst_andNeverRunsBesideIt() throws Exception {
        PdfRenderings renderings = new PdfRenderings(1, Duration.ofSeconds(30));
        CountDownLatch firstMayEnd = new CountDownLatch(1);
        Future<byte[]> first = holdingATurnUntil(renderings, firstMayEnd);

        Future<byte[]> second = threads.submit(() -> renderings.render(() -> counted(() -> { })));
        Thread.sleep(300);
        assertThat(second).isNotDone();
        firstMayEnd.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(PDF);
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(PDF);
        assertThat(mostAtOnce).hasValue(1);
    }

    @Test
    void aRenderingThatFindsNoTurnWithinItsWait_isRefused_andRendersNothing() throws Exception {
        PdfRenderings renderings = new PdfRenderings(1, Duration.ofMillis(200));
        CountDownLatch firstMayEnd = new CountDownLatch(1);
        Future<byte[]> first = holdingATurnUntil(renderings, firstMayEnd);

        long started = System.nanoTime();
        assertThatThrownBy(() -> renderings.render(() -> counted(() -> { })))
                .isInstanceOf(RenderingBusyException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        firstMayEnd.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(PDF);
        assertThat(renderings.render(() -> counted(() -> { }))).isEqualTo(PDF);
        assertThat(mostAtOnce).hasValue(1);
    }

    @Test
    void aRenderingThatFails_givesItsTurnBack() {
        PdfRenderings renderings = new PdfRenderings(1, Duration.ofMillis(200));

        assertThatThrownBy(() -> renderings.render(() -> {
            throw new IllegalStateException("the layout failed");
        })).hasMessage("the layout failed");

        assertThat(renderings.render(() -> PDF)).isEqualTo(PDF);
    }

    @Test
    void withTwoTurns_twoRenderAtOnce() throws Exception {
        PdfRenderings renderings = new PdfRenderings(2, Duration.ofSeconds(30));
        CountDownLatch bothInside = new CountDownLatch(2);
        Future<byte[]> first = threads.submit(() -> renderings.render(() -> counted(() -> meet(bothInside))));
        Future<byte[]> second = threads.submit(() -> renderings.render(() -> counted(() -> meet(bothInside))));

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(PDF);
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(PDF);
        assertThat(mostAtOnce).hasValue(2);
    }

    @Test
    void noTurnAtAll_isRefusedAtStart() {
        assertThatThrownBy(() -> new PdfRenderings(0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tiekartta.reports.pdf.renderings");
    }

    /** A rendering begun on another thread, once it holds its turn; it ends when {@code mayEnd} is counted down. */
    private Future<byte[]> holdingATurnUntil(PdfRenderings renderings, CountDownLatch mayEnd) throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(1);
        Future<byte[]> rendering = threads.submit(() -> renderings.render(() -> counted(() -> {
            inside.countDown();
            await(mayEnd);
        })));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        return rendering;
    }

    /** A rendering that runs {@code body} and counts how many run at once. */
    private byte[] counted(Runnable body) {
        mostAtOnce.accumulateAndGet(rendering.incrementAndGet(), Math::max);
        try {
            body.run();
            return PDF;
        } finally {
            rendering.decrementAndGet();
        }
    }

    private static void meet(CountDownLatch others) {
        others.countDown();
        await(others);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
