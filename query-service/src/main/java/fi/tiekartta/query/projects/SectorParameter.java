package fi.tiekartta.query.projects;

import fi.tiekartta.support.web.FieldViolation;
import fi.tiekartta.vocabulary.Sectors;

/** The {@code sector} query parameter of the project list and the roadmap: a configured sector's code. */
public final class SectorParameter {

    private SectorParameter() {
    }

    /** @throws InvalidQueryException (400 naming {@code sector}) for a code that is not configured */
    public static void requireKnown(Sectors sectors, String sector) {
        if (sector != null && !sectors.contains(sector)) {
            throw new InvalidQueryException(new FieldViolation(
                    "sector", "must be one of " + sectors.all().stream().map(s -> s.code()).toList()));
        }
    }
}
