package fi.tiekartta.query.report;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How many PDFs an instance renders at once ({@code tiekartta.reports.pdf.renderings}, 1) and how long a request
 * waits for its turn ({@code tiekartta.reports.pdf.wait}, 60 s) before it is answered 503 with {@code Retry-After}.
 *
 * <p>openhtmltopdf lays a whole document out in memory before it writes it. While the year-end report of 10,000
 * projects rendered (12-21 s, 5 MB of PDF) the heap in use after a collection rose from about 180 MB to as much as
 * 447 MB, and two asked at once ran a query-service of {@code -Xmx512m} out of memory: one answered 500, and the error
 * could as well have struck a thread that projects events (docs/REPORTS.md, "Large reports"). The public report is a
 * PDF too, so anyone could ask for several at once. Taking turns costs only time: the report is the same bytes
 * whenever it is rendered, and the turns are fair (first asked, first rendered).
 */
@Component
public class PdfRenderings {

    private final Semaphore turns;
    private final Duration patience;

    public PdfRenderings(@Value("${tiekartta.reports.pdf.renderings:1}") int renderings,
                         @Value("${tiekartta.reports.pdf.wait:60s}") Duration patience) {
        if (renderings < 1) {
            throw new IllegalArgumentException("tiekartta.reports.pdf.renderings must be at least 1, not " + renderings);
        }
        this.turns = new Semaphore(renderings, true);
        this.patience = patience;
    }

    /**
     * Renders when a turn is free, waiting for one up to the patience.
     *
     * @throws RenderingBusyException when no turn came free in time (or the wait was interrupted)
     */
    public byte[] render(Supplier<byte[]> rendering) {
        try {
            if (!turns.tryAcquire(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new RenderingBusyException(patience);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderingBusyException(patience);
        }
        try {
            return rendering.get();
        } finally {
            turns.release();
        }
    }
}
