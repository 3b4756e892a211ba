package fi.tiekartta.query.axon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one way this service stops and starts its processors (a rebuild's switch, the balancer's safety net), one
 * caller at a time, so that neither starts a processor the other has just stopped.
 *
 * <p>Why stopping needs more than {@code shutDown()}: Axon's {@link TrackingEventProcessor} hands its last thread to
 * the last segment it claims, and when a shutdown arrives just before that thread starts the segment's worker, it
 * frees the segment without giving the thread back. The processor then has a thread fewer for as long as it
 * lives: after the next start it claims one segment fewer, and that segment is followed by nobody until the
 * service restarts. A shutdown that has ended leaves every thread free, so any thread still missing then was lost
 * that way, and is given back here (counted in {@code tiekartta.projection.threads.restored}).
 */
@Component
public class ProcessorLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProcessorLifecycle.class);
    private static final long SETTLE_MILLIS = 1_000;

    private final MeterRegistry meters;

    public ProcessorLifecycle(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Stops the processor and waits until it has; afterwards it has all its threads for the next start. */
    public synchronized void stop(StreamingEventProcessor processor) {
        processor.shutDown();
        if (processor instanceof TrackingEventProcessor tracking) {
            giveBackLostThreads(tracking);
        }
    }

    public synchronized void start(StreamingEventProcessor processor) {
        processor.start();
    }

    /**
     * Stops and starts a running processor, so that it claims again whatever segments it can; a processor stopped on
     * purpose (a rebuild's switch) is left stopped. Whether it was restarted.
     */
    public synchronized boolean restart(StreamingEventProcessor processor) {
        if (!processor.isRunning()) {
            return false;
        }
        stop(processor);
        start(processor);
        return true;
    }

    private void giveBackLostThreads(TrackingEventProcessor processor) {
        // A worker that has just freed its segment gives its thread back a moment later.
        long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
        while (processor.availableProcessorThreads() < processor.maxCapacity() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        int lost = processor.maxCapacity() - processor.availableProcessorThreads();
        if (lost <= 0 || processor.activeProcessorThreads() > 0) {
            return;
        }
        try {
            availableThreads(processor).addAndGet(lost);
            log.warn("Processor {} lost {} of its {} threads when it was stopped while claiming segments; given back",
                     processor.getName(), lost, processor.maxCapacity());
            Counter.builder("tiekartta.projection.threads.restored")
                   .description("Threads of a tracking processor that Axon lost in a shutdown racing its segment "
                                + "claims, given back so that the processor claims every segment again")
                   .tag("processor", processor.getName()).register(meters).increment(lost);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.error("Processor {} lost {} of its {} threads and they cannot be given back ({}): it will follow fewer "
                      + "segments until the service restarts", processor.getName(), lost, processor.maxCapacity(), e.toString());
        }
    }

    /** Axon keeps the count of free threads private; this Axon version's field, checked by ProcessorLifecycleTest. */
    static AtomicInteger availableThreads(TrackingEventProcessor processor) throws ReflectiveOperationException {
        Field field = TrackingEventProcessor.class.getDeclaredField("availableThreads");
        field.setAccessible(true);
        return (AtomicInteger) field.get(processor);
    }
}
