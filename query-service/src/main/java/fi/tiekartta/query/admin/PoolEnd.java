package fi.tiekartta.query.admin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Waiting for a rebuild's helper threads to end, also when the rebuild itself was interrupted (its instance is
 * stopping). A helper that is still at work holds a connection in the middle of a statement: a COPY that a rollback
 * would meet half-sent, or an index build on the build's tables that would go on after the rebuild's lock is let go,
 * where the next instance to take the rebuild up is already making them anew.
 */
final class PoolEnd {

    private static final Logger log = LoggerFactory.getLogger(PoolEnd.class);

    private PoolEnd() {
    }

    /** Waits up to {@code atMost} for {@code pool}'s threads to end; an interrupt meanwhile is kept for the caller. */
    static void await(ExecutorService pool, Duration atMost, String what) {
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + atMost.toNanos();
        try {
            while (true) {
                try {
                    if (!pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                        log.warn("The rebuild's {} did not end within {}", what, atMost);
                    }
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
