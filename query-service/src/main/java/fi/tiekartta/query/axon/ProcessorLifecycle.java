package fi.tiekartta.query.axon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.lang.reflect.Field;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

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
    private static final long WAKE_AGAIN_MILLIS = 20;

    private final MeterRegistry meters;

    public ProcessorLifecycle(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Stops the processor and waits until it has; afterwards it has all its threads for the next start. */
    public synchronized void stop(StreamingEventProcessor processor) {
        CompletableFuture<Void> stopped = processor.shutdownAsync();
        if (processor instanceof TrackingEventProcessor tracking
            && tracking.getMessageSource() instanceof EmbeddedEventStore store) {
            wakeWhenWaiting(store, stopped);
        }
        stopped.join();
        if (processor instanceof TrackingEventProcessor tracking) {
            giveBackLostThreads(tracking);
        }
    }

    /**
     * A caught-up worker waits for new events in the event store for up to Axon's event availability timeout (a
     * second) before it sees that its processor is stopping: half a second on average that a rebuild's switch, and
     * every event appended meanwhile, would wait. The store wakes its waiting consumers when it has
     * new events; woken now, a worker finds none and leaves at once. A wake-up is one that waiting may always have
     * (a condition's spurious wake-up), so no worker can take it amiss. It is repeated until the stop has ended, for
     * a worker that was yet to begin waiting.
     */
    private void wakeWhenWaiting(EmbeddedEventStore store, CompletableFuture<Void> stopped) {
        try {
            Runnable wakeUp = wakeUpOf(store);
            // Less and less often: a worker finishing a long batch does not need it, nor do the store's other consumers.
            for (long again = WAKE_AGAIN_MILLIS; ; again *= 2) {
                wakeUp.run();
                if (ended(stopped, again)) {
                    return;
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Could not wake the processors' workers waiting for events ({}): stopping takes up to a second", e.toString());
        }
    }

    private static boolean ended(CompletableFuture<Void> stopped, long millis) {
        try {
            stopped.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (ExecutionException e) {
            return true; // join() reports it
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
        return field(TrackingEventProcessor.class, "availableThreads", AtomicInteger.class).get(processor);
    }

    /**
     * Wakes the consumers of {@code store} that wait for new events, as the store does when it has some. Axon keeps
     * the lock and its condition private; this Axon version's fields, checked by ProcessorLifecycleTest.
     */
    static Runnable wakeUpOf(EmbeddedEventStore store) throws ReflectiveOperationException {
        Lock lock = field(EmbeddedEventStore.class, "consumerLock", Lock.class).get(store);
        Condition waiting = field(EmbeddedEventStore.class, "consumableEventsCondition", Condition.class).get(store);
        return () -> {
            lock.lock();
            try {
                waiting.signalAll();
            } finally {
                lock.unlock();
            }
        };
    }

    /** A private field of this Axon version, of the type expected (ProcessorLifecycleTest checks each one used). */
    static <T> Accessor<T> field(Class<?> owner, String name, Class<T> type) throws ReflectiveOperationException {
        Field field = owner.getDeclaredField(name);
        if (!type.isAssignableFrom(field.getType())) {
            throw new NoSuchFieldException(owner.getName() + "." + name + " is a " + field.getType().getName() + ", not a " + type.getName());
        }
        field.setAccessible(true);
        return target -> type.cast(field.get(target));
    }

    interface Accessor<T> {
        T get(Object target) throws ReflectiveOperationException;
    }
}
