package fi.tiekartta.query.report;

import fi.tiekartta.query.projects.InvalidQueryException;
import fi.tiekartta.support.web.FieldViolation;

/** A report parameter that binds but cannot be answered (a year out of range, a knownAt in the future). */
public class InvalidReportRequestException extends InvalidQueryException {

    public InvalidReportRequestException(String field, String message) {
        super(new FieldViolation(field, message));
    }
}
