package fi.tiekartta.support.web;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.util.List;

/** Builds RFC 9457 problem details the same way everywhere, each with the request's correlation id. */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        CorrelationIds.current().ifPresent(id -> problem.setProperty("correlationId", id));
        return problem;
    }

    /** A request the firewall refuses; its reason repeats the offending value, which may be a token, so it is not given. */
    public static ProblemDetail refusedByFirewall() {
        return of(HttpStatusCode.valueOf(400), "Bad Request",
                  "The request has a form the server does not accept, such as a control character in a header or "
                  + "an encoded slash, dot or semicolon in the path.");
    }

    public static ProblemDetail invalidInput(String detail, List<FieldViolation> errors) {
        ProblemDetail problem = of(HttpStatusCode.valueOf(400), "Invalid input", detail);
        problem.setProperty("errors", errors);
        return problem;
    }
}
