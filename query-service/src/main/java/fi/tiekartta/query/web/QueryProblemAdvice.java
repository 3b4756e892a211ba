package fi.tiekartta.query.web;

import fi.tiekartta.query.projects.InvalidQueryException;
import fi.tiekartta.query.projects.ProjectNotFoundException;
import fi.tiekartta.support.web.ProblemResponses;
import fi.tiekartta.support.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;

/** How the query-service answers what it cannot answer: problem details (docs/API.md). */
@RestControllerAdvice
public class QueryProblemAdvice extends ProblemResponses {

    @ExceptionHandler(ProjectNotFoundException.class)
    public ProblemDetail notFound(ProjectNotFoundException ex) {
        return Problems.of(HttpStatus.NOT_FOUND, "No such project", ex.getMessage());
    }

    @ExceptionHandler(InvalidQueryException.class)
    public ProblemDetail invalidQuery(InvalidQueryException ex) {
        return Problems.invalidInput("A parameter is invalid.", List.of(ex.violation()));
    }
}
