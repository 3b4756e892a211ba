package fi.tiekartta.query.roadmap;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The resolution of {@code knownAt}. Events are recorded with millisecond timestamps, so an instant between
 * two milliseconds selects exactly what its millisecond selects: truncating loses nothing, and gives every
 * answer one spelling of the instant it used (which the year-end report needs to be reproducible to the byte).
 */
public final class KnownAt {

    private KnownAt() {
    }

    public static Instant normalise(Instant knownAt) {
        return knownAt.truncatedTo(ChronoUnit.MILLIS);
    }
}
