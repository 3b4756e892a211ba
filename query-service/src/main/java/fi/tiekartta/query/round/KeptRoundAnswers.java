package fi.tiekartta.query.round;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Weigher;
import fi.tiekartta.query.projects.ReadModelVersion;
import fi.tiekartta.query.report.ReportTimelines;
import org.springframework.lang.Nullable;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * Answers about a round, kept while they cannot change. A closed round's answer is asked as known at its closing,
 * an instant in the past; the round's row is projected by the same processor as the views ({@link RoundProjection}),
 * so once no event recorded up to the closing is still in flight, the answer is final and kept for good. An open
 * round's answer is asked as known now and kept for the same {@link ReadModelVersion}, like the roadmap's answers:
 * until the projection moves. Call within the answer's own repeatable-read transaction, so that what decides the
 * keeping describes the rows the answer reads.
 */
final class KeptRoundAnswers<T> {

    /** @param version null: a closed round's final answer */
    private record Key(String roundId, Instant openedAt, @Nullable Instant closedAt,
                       @Nullable ReadModelVersion.Version version) {
    }

    private final ReadModelVersion versions;
    private final ReportTimelines timelines;
    private final Cache<Key, T> kept;

    KeptRoundAnswers(ReadModelVersion versions, ReportTimelines timelines, long maximumWeight, Weigher<Object, T> weigher) {
        this.versions = versions;
        this.timelines = timelines;
        this.kept = Caffeine.newBuilder().maximumWeight(maximumWeight).weigher(weigher).build();
    }

    /** @param knownAt what the round's answer is asked as known at (its closing, or now); @param read the answer */
    T get(ReportingRound round, Instant knownAt, Supplier<T> read) {
        if (round.isOpen()) {
            Key key = new Key(round.roundId(), round.openedAt(), null, versions.asKnownAt(knownAt));
            T answer = kept.getIfPresent(key);
            if (answer == null) {
                answer = read.get();
                kept.put(key, answer);
            }
            return answer;
        }
        T answer = finalAnswer(round);
        if (answer == null) {
            // Asked before the answer, in the same snapshot: if nothing recorded up to the closing is missing, what
            // is read next is final.
            boolean isFinal = timelines.eventsNotYetProjected(round.closedAt()) == 0;
            answer = read.get();
            if (isFinal) {
                kept.put(finalKey(round), answer);
            }
        }
        return answer;
    }

    /** A closed round's final answer if it is kept, without asking the read models anything. */
    @Nullable
    T finalAnswer(ReportingRound round) {
        return round.isOpen() ? null : kept.getIfPresent(finalKey(round));
    }

    private static Key finalKey(ReportingRound round) {
        return new Key(round.roundId(), round.openedAt(), round.closedAt(), null);
    }
}
