package fi.tiekartta.query.audit;

import fi.tiekartta.support.eventstore.CanonicalEvent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks the hash chains of the event store, fed one stored event at a time, stream after stream, each in
 * sequence order; and computes the digest over the stream heads (docs/AUDIT.md, "The digest").
 *
 * <p>Each event is checked against the <em>stored</em> hash of the event before it, so a problem shows at
 * the event that was altered, not at every event after it. The digest, though, is built from the hashes as
 * recomputed along each chain from its start: it says what the events are, not what the hash column claims.
 * On a store that verifies the two are the same.
 */
final class ChainVerification {

    /** Digests are written {@code sha256:} and 64 hex digits. */
    static final String PREFIX = "sha256:";

    private final Instant knownAt;
    private final List<ChainProblem> problems = new ArrayList<>();
    private final List<Head> heads = new ArrayList<>();
    private long eventsChecked;

    private Head current;

    /** @param knownAt only events recorded up to this instant count; null: all of them */
    ChainVerification(Instant knownAt) {
        this.knownAt = knownAt;
    }

    /** The last event of a stream: its sequence number, stored hash and recomputed hash. */
    record Head(String aggregateIdentifier, long sequence, String storedHash, String chainedHash) {
    }

    void accept(StoredEvent event) {
        if (event.recordedAt().isEmpty()) {
            problem(event, "time_stamp '" + event.timeStamp() + "' is not an ISO-8601 instant");
        }
        if (!event.recordedBy(knownAt)) {
            return;
        }
        eventsChecked++;
        Head previous = current != null && current.aggregateIdentifier().equals(event.aggregateIdentifier())
                ? current : null;
        long expected = previous == null ? 0 : previous.sequence() + 1;
        if (previous != null && event.sequenceNumber() == previous.sequence()) {
            problem(event, "sequence " + event.sequenceNumber() + " is stored twice");
        } else if (event.sequenceNumber() > expected) {
            problems.add(new ChainProblem(event.aggregateIdentifier(), expected, missing(expected, event.sequenceNumber())));
        }
        boolean follows = previous != null && previous.sequence() == event.sequenceNumber() - 1;
        String storedPrevious = follows ? nullToEmpty(previous.storedHash()) : "";
        String chainedPrevious = follows ? previous.chainedHash() : "";

        String recomputed = hash(event, storedPrevious);
        String chained = recomputed == null ? nullToEmpty(event.eventHash())
                : storedPrevious.equals(chainedPrevious) ? recomputed : hash(event, chainedPrevious);
        if (event.eventHash() == null) {
            problem(event, "the event has no stored hash");
        } else if (recomputed != null && !recomputed.equals(event.eventHash())) {
            problem(event, "the stored hash " + event.eventHash() + " does not match the event's content and the "
                           + "previous event's hash (recomputed: " + recomputed + "): the event, or its place in "
                           + "the stream, was altered after it was recorded");
        }
        if (previous == null && current != null) {
            heads.add(current);
        }
        current = new Head(event.aggregateIdentifier(), event.sequenceNumber(), event.eventHash(), nullToEmpty(chained));
    }

    /** Problems found elsewhere (e.g. events the read model once projected) that make the store invalid too. */
    void add(ChainProblem problem) {
        problems.add(problem);
    }

    Result finish() {
        if (current != null) {
            heads.add(current);
            current = null;
        }
        return new Result(problems.isEmpty(), eventsChecked, heads.size(), digest(heads), List.copyOf(problems));
    }

    /** What verification found: see {@link #digest(List)} for the digest. */
    record Result(boolean valid, long eventsChecked, int streamsChecked, String digest, List<ChainProblem> problems) {
    }

    /**
     * {@code sha256:} + hex SHA-256 over one line per stream, {@code aggregateId:lastSequence:headHash} and a
     * line feed, the lines sorted by aggregate id in byte order (SQL: {@code ORDER BY ... COLLATE "C"}).
     * The lines' UTF-8 bytes are fed to the digest one line at a time: all of them at once, about 740 KB for a store
     * of 10,000 streams, made four arrays of half a megabyte or more per digest, each a humongous object to G1 that
     * could start a concurrent marking cycle, at every year-end report (docs/PERFORMANCE.md, "What changed on
     * 2026-12-04 (evening)").
     */
    static String digest(List<Head> heads) {
        MessageDigest sha256 = CanonicalEvent.sha256();
        heads.stream()
             .map(ByteOrdered::new)
             .sorted()
             .forEach(h -> {
                 sha256.update(h.id());
                 sha256.update((":" + h.head().sequence() + ":" + h.head().chainedHash() + "\n").getBytes(StandardCharsets.UTF_8));
             });
        return PREFIX + HexFormat.of().formatHex(sha256.digest());
    }

    /** A head with its aggregate id's bytes, encoded once rather than in each comparison of the sort. */
    private record ByteOrdered(Head head, byte[] id) implements Comparable<ByteOrdered> {

        ByteOrdered(Head head) {
            this(head, head.aggregateIdentifier().getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public int compareTo(ByteOrdered other) {
            return Arrays.compareUnsigned(id, other.id);
        }
    }

    private String hash(StoredEvent event, String previousHash) {
        try {
            return event.canonical(previousHash).hash();
        } catch (IllegalArgumentException e) {
            problem(event, "the event cannot be hashed: " + e.getMessage());
            return null;
        }
    }

    private void problem(StoredEvent event, String text) {
        problems.add(new ChainProblem(event.aggregateIdentifier(), event.sequenceNumber(), text));
    }

    private static String missing(long from, long next) {
        return next - from == 1
                ? "sequence " + from + " is missing: the stream goes on at " + next
                : "sequences " + from + " to " + (next - 1) + " are missing: the stream goes on at " + next;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
