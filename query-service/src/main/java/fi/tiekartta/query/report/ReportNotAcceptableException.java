package fi.tiekartta.query.report;

/** The client's {@code Accept} names none of the report's formats. */
public class ReportNotAcceptableException extends RuntimeException {

    public ReportNotAcceptableException() {
        super("The year-end report is available as application/json, text/csv, text/html and application/pdf.");
    }
}
