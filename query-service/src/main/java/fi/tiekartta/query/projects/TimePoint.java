package fi.tiekartta.query.projects;

import fi.tiekartta.support.web.FieldViolation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The two coordinates of every question (docs/TIME.md, "The two clocks"): {@code asOf}, the calendar day in
 * Helsinki the answer is about, and {@code knownAt}, the instant whose knowledge the answer uses. Either may
 * be left out: today, and now. Both must lie within years 1000–9999: ISO-8601 spells far wider ones, which no
 * roadmap needs and the database cannot store. {@code knownAt} must not be in the future: an answer "as known
 * at" an instant not yet reached would change as soon as anything is recorded, so it could not be reproduced.
 */
public record TimePoint(LocalDate asOf, Instant knownAt) {

    private static final LocalDate EARLIEST = LocalDate.of(1000, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

    public static TimePoint resolve(LocalDate asOf, Instant knownAt, Clock clock) {
        if (asOf != null && (asOf.isBefore(EARLIEST) || asOf.isAfter(LATEST))) {
            throw new InvalidQueryException(new FieldViolation("asOf", "must be a date between " + EARLIEST + " and " + LATEST));
        }
        return new TimePoint(asOf != null ? asOf : LocalDate.now(clock),
                             knownAt != null ? requireSane(knownAt, clock) : clock.instant());
    }

    /** @return {@code knownAt}, if it lies within the years an answer can be about and is not in the future */
    public static Instant requireSane(Instant knownAt, Clock clock) {
        LocalDate day = knownAt.atZone(ZoneOffset.UTC).toLocalDate();
        if (day.isBefore(EARLIEST) || day.isAfter(LATEST)) {
            throw new InvalidQueryException(new FieldViolation("knownAt", "must be an instant between " + EARLIEST
                                                                          + " and " + LATEST));
        }
        if (knownAt.isAfter(clock.instant())) {
            throw new InvalidQueryException(new FieldViolation("knownAt", "must not be in the future: an answer about "
                                                                          + "knowledge not yet recorded could not be reproduced"));
        }
        return knownAt;
    }
}
