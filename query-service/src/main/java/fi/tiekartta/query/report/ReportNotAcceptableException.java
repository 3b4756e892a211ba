package fi.tiekartta.query.report;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The client's {@code Accept} names none of the report's formats. */
public class ReportNotAcceptableException extends RuntimeException {

    public ReportNotAcceptableException() {
        this(EnumSet.allOf(ReportFormat.class));
    }

    public ReportNotAcceptableException(Set<ReportFormat> offered) {
        super("The report is available as " + offered.stream().map(f -> f.contentType().getType() + "/"
                                                                         + f.contentType().getSubtype())
                                                     .collect(Collectors.joining(", ")) + ".");
    }
}
