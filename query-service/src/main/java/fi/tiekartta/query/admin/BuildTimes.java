package fi.tiekartta.query.admin;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Where one rebuild's time went, by part (reading the snapshot, folding, waiting for COPY, the COPY into each table,
 * each index): what the rebuild's log line reports, so that the next thing to make faster is measured, not guessed.
 * Parts on the COPY thread and the index builders run beside the reading, so the parts may add up to more than the
 * wall-clock time of their phase.
 */
final class BuildTimes {

    private final Map<String, AtomicLong> nanos = new ConcurrentSkipListMap<>();

    /** Adds the time since {@code startedAt} ({@link System#nanoTime()}) to {@code part}; returns now, for the next part. */
    long add(String part, long startedAt) {
        long now = System.nanoTime();
        nanos.computeIfAbsent(part, p -> new AtomicLong()).addAndGet(now - startedAt);
        return now;
    }

    long millis(String part) {
        AtomicLong n = nanos.get(part);
        return n == null ? 0 : n.get() / 1_000_000;
    }

    /** The parts whose name starts with {@code prefix}, as "name X ms" in name order. */
    String list(String prefix) {
        return nanos.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .map(e -> e.getKey().substring(prefix.length()) + " " + e.getValue().get() / 1_000_000 + " ms")
                .collect(Collectors.joining(", "));
    }
}
