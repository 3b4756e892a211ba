package fi.tiekartta.query.projects;

import fi.tiekartta.support.web.FieldViolation;

/** A query parameter that binds but makes no sense (an unknown sector, say); answered 400 naming it. */
public class InvalidQueryException extends IllegalArgumentException {

    private final transient FieldViolation violation;

    public InvalidQueryException(FieldViolation violation) {
        super(violation.field() + " " + violation.message());
        this.violation = violation;
    }

    public FieldViolation violation() {
        return violation;
    }
}
