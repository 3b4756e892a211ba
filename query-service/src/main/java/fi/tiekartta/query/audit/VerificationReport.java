package fi.tiekartta.query.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.lang.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code GET /api/audit/verify} (docs/API.md, "Audit").
 *
 * @param valid                  no problem found: every chain verifies, nothing the read model once projected is
 *                               gone (a published digest is judged apart, in {@code matchesPublishedDigest})
 * @param eventsChecked          events whose hash was recomputed (those recorded up to {@code knownAt})
 * @param streamsChecked         streams (projects) among them
 * @param knownAt                the instant asked about; absent: the whole store as it is now
 * @param digest                 the digest over the stream heads ({@link EventLogDigest})
 * @param matchesPublishedDigest whether {@code digest} equals the published one asked about; absent when none was
 * @param problems               each naming the project and sequence where it shows
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerificationReport(boolean valid, long eventsChecked, int streamsChecked, @Nullable Instant knownAt, String digest,
                                 @Nullable Boolean matchesPublishedDigest, List<ChainProblem> problems) {
}
