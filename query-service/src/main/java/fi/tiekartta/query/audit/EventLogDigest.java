package fi.tiekartta.query.audit;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.Locale;

/**
 * The digest of the event log as it stood at an instant, and the verification of its hash chains
 * (docs/AUDIT.md). A published report carries {@link #digestAt}; anyone can later ask {@link #verify} whether
 * the store still holds exactly the events it was made from.
 *
 * <p>The digest is {@code sha256:} + the hex SHA-256 of one line per stream (project) with an event recorded
 * up to {@code knownAt}: {@code aggregateId:lastSequence:headHash} and a line feed, sorted by aggregate id in
 * byte order, where {@code headHash} is the chained hash of the stream's last such event. Deleting, adding,
 * altering or reordering any counted event changes it.
 *
 * <p>{@link #digestAt} reads the stream heads the store keeps ({@link StreamHeads}), one row per stream, and takes
 * each head's stored hash: on a store that verifies that is the recomputed one, so both give the same digest.
 * {@link #verify} still recomputes every chain from the events, and so is what detects a stored hash or head
 * that no longer matches the events (docs/AUDIT.md, "The digest").
 *
 * <p>Both read the store in one repeatable-read snapshot, so the digest and the problems describe one state.
 */
@Component
public class EventLogDigest {

    private final StoredEvents events;
    private final ProjectedEvents projected;
    private final StreamHeads heads;

    public EventLogDigest(StoredEvents events, ProjectedEvents projected, StreamHeads heads) {
        this.events = events;
        this.projected = projected;
        this.heads = heads;
    }

    /** {@code sha256:} and 64 hex digits: the digest over the heads of the streams recorded up to {@code knownAt}. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public String digestAt(Instant knownAt) {
        return ChainVerification.digest(heads.at(knownAt));
    }

    /**
     * Recomputes every hash chain (of the events recorded up to {@code knownAt}; null: all) and the digest, and
     * compares the digest with {@code publishedDigest} where one is given.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public VerificationReport verify(Instant knownAt, String publishedDigest) {
        ChainVerification verification = chains(knownAt);
        projected.missingFromStore(knownAt).forEach(verification::add);
        ChainVerification.Result result = verification.finish();
        Boolean matches = publishedDigest == null ? null : result.digest().equals(normalized(publishedDigest));
        return new VerificationReport(result.valid(), result.eventsChecked(),
                                      result.streamsChecked(), knownAt, result.digest(), matches, result.problems());
    }

    /** Whether {@code text} has the form of a digest, with or without the {@code sha256:} prefix. */
    static boolean isDigest(String text) {
        return normalized(text).matches(ChainVerification.PREFIX + "[0-9a-f]{64}");
    }

    private ChainVerification chains(Instant knownAt) {
        ChainVerification verification = new ChainVerification(knownAt);
        events.forEach(verification::accept);
        return verification;
    }

    private static String normalized(String digest) {
        String text = digest.trim().toLowerCase(Locale.ROOT);
        return text.startsWith(ChainVerification.PREFIX) ? text : ChainVerification.PREFIX + text;
    }
}
