package fi.tiekartta.query.web;

import fi.tiekartta.query.admin.RebuildRunningException;
import fi.tiekartta.query.admin.RebuildUnavailableException;
import fi.tiekartta.query.audit.UnreadableEventException;
import fi.tiekartta.query.projects.InvalidQueryException;
import fi.tiekartta.query.projects.ProjectNotFoundException;
import fi.tiekartta.query.report.ReadModelBehindException;
import fi.tiekartta.query.report.RenderingBusyException;
import fi.tiekartta.query.report.ReportNotAcceptableException;
import fi.tiekartta.query.publicroadmap.YearNotEndedException;
import fi.tiekartta.query.round.RoundNotFoundException;
import fi.tiekartta.support.web.ProblemResponses;
import fi.tiekartta.support.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;

/**
 * How the query-service answers what it cannot answer: the one place its exceptions become problems. Each answer
 * names its content type, so that a problem is JSON whatever the client accepts (the year-end report is also asked
 * for as CSV or HTML, and a 406 must not fail on its own negotiation).
 */
@RestControllerAdvice
public class QueryProblemAdvice extends ProblemResponses {

    private static final Logger log = LoggerFactory.getLogger(QueryProblemAdvice.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler(ProjectNotFoundException.class)
    public ResponseEntity<ProblemDetail> notFound(ProjectNotFoundException ex) {
        return answer(Problems.of(HttpStatus.NOT_FOUND, "No such project", ex.getMessage()));
    }

    /** Also a report's parameters ({@code InvalidReportRequestException}). */
    @ExceptionHandler(RoundNotFoundException.class)
    public ResponseEntity<ProblemDetail> noRound(RoundNotFoundException ex) {
        return answer(Problems.of(HttpStatus.NOT_FOUND, "No such reporting round", ex.getMessage()));
    }

    @ExceptionHandler(InvalidQueryException.class)
    public ResponseEntity<ProblemDetail> invalidQuery(InvalidQueryException ex) {
        return answer(Problems.invalidInput("A parameter is invalid.", List.of(ex.violation())));
    }

    @ExceptionHandler(ReportNotAcceptableException.class)
    public ResponseEntity<ProblemDetail> notAcceptable(ReportNotAcceptableException ex) {
        return answer(Problems.of(HttpStatus.NOT_ACCEPTABLE, "Not acceptable", ex.getMessage()));
    }

    @ExceptionHandler(ReadModelBehindException.class)
    public ResponseEntity<ProblemDetail> behind(ReadModelBehindException ex) {
        return retryLater(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Read models catching up", ex.getMessage()));
    }

    @ExceptionHandler(RenderingBusyException.class)
    public ResponseEntity<ProblemDetail> renderingBusy(RenderingBusyException ex) {
        return retryLater(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Rendering busy", ex.getMessage()));
    }

    @ExceptionHandler(RebuildUnavailableException.class)
    public ResponseEntity<ProblemDetail> rebuildUnavailable(RebuildUnavailableException ex) {
        return retryLater(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Shutting down", ex.getMessage()));
    }

    @ExceptionHandler(YearNotEndedException.class)
    public ResponseEntity<ProblemDetail> notEnded(YearNotEndedException ex) {
        return answer(Problems.of(HttpStatus.NOT_FOUND, "No such report", ex.getMessage()));
    }

    @ExceptionHandler(RebuildRunningException.class)
    public ResponseEntity<ProblemDetail> rebuildRunning(RebuildRunningException ex) {
        return answer(Problems.of(HttpStatus.CONFLICT, "Rebuild running", ex.getMessage()));
    }

    /** The store was altered under the audit replay: not the client's mistake, and worth a line in the log. */
    @ExceptionHandler(UnreadableEventException.class)
    public ResponseEntity<ProblemDetail> unreadable(UnreadableEventException ex) {
        log.warn("Audit replay stopped at an unreadable stored event: {}", ex.getMessage());
        return answer(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "Stored event unreadable", ex.getMessage()));
    }

    private static ResponseEntity<ProblemDetail> retryLater(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                             .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
