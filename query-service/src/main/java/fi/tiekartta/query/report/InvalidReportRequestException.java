package fi.tiekartta.query.report;

import fi.tiekartta.support.web.FieldViolation;

/** A report parameter that binds but cannot be answered (a year out of range, a knownAt in the future). */
public class InvalidReportRequestException extends RuntimeException {

    private final transient FieldViolation violation;

    public InvalidReportRequestException(String field, String message) {
        super(field + " " + message);
        this.violation = new FieldViolation(field, message);
    }

    public FieldViolation violation() {
        return violation;
    }
}
