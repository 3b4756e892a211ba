package fi.tiekartta.query.projects;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The two coordinates of every question (DESIGN.md, "Time: two clocks"): {@code asOf}, the calendar day in
 * Helsinki the answer is about, and {@code knownAt}, the instant whose knowledge the answer uses. Either may
 * be left out: today, and now.
 */
public record TimePoint(LocalDate asOf, Instant knownAt) {

    public static TimePoint resolve(LocalDate asOf, Instant knownAt, Clock clock) {
        return new TimePoint(asOf != null ? asOf : LocalDate.now(clock), knownAt != null ? knownAt : clock.instant());
    }
}
