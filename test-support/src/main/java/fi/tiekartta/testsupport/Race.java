package fi.tiekartta.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Starts several requests at the same moment, for tests of what concurrent writers do. */
public final class Race {

    private Race() {
    }

    /** Runs {@code request} for writers 0..writers-1 all at once and returns every answer, in writer order. */
    public static <T> List<T> of(int writers, IntFunction<T> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int writer = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.apply(writer);
                }));
            }
            start.countDown();
            List<T> answers = new ArrayList<>();
            for (Future<T> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
