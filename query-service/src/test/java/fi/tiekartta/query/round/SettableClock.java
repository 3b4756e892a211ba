package fi.tiekartta.query.round;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/** The service's clock in a test: the system's until set, then standing at the instant set. */
final class SettableClock extends Clock {

    private final ZoneId zone;
    private final AtomicReference<Instant> fixed = new AtomicReference<>();

    SettableClock(ZoneId zone) {
        this.zone = zone;
    }

    /** @param instant null: the system clock again */
    void set(Instant instant) {
        fixed.set(instant);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the service's clock keeps its zone");
    }

    @Override
    public Instant instant() {
        Instant at = fixed.get();
        return at != null ? at : Instant.now();
    }
}
