package fi.tiekartta.query.report;

import java.time.Instant;

/** The read models have not yet applied every event recorded up to the asked {@code knownAt}. */
public class ReadModelBehindException extends RuntimeException {

    public ReadModelBehindException(Instant knownAt) {
        super("The read models have not yet applied every event recorded up to " + knownAt
              + " (a rebuild may be running). Ask again shortly.");
    }
}
