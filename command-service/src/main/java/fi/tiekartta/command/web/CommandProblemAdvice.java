package fi.tiekartta.command.web;

import fi.tiekartta.command.idempotency.IdempotencyKeyReusedException;
import fi.tiekartta.command.importing.ImportRejectedException;
import fi.tiekartta.command.project.InvalidCommandException;
import fi.tiekartta.command.project.NotTheOwnerException;
import fi.tiekartta.command.project.RuleOfStateException;
import fi.tiekartta.command.round.UnknownRoundException;
import fi.tiekartta.support.web.FieldViolation;
import fi.tiekartta.support.web.ProblemResponses;
import fi.tiekartta.support.web.Problems;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;

/**
 * How the command-service answers what the domain and the event store refuse: the one place its exceptions become
 * problems. An exception not named here is a fault of the service (500), whatever its type.
 */
@RestControllerAdvice
public class CommandProblemAdvice extends ProblemResponses {

    @ExceptionHandler(InvalidCommandException.class)
    public ProblemDetail invalidCommand(InvalidCommandException ex) {
        return Problems.invalidInput("Some fields are invalid.", ex.violations().stream()
                .map(v -> new FieldViolation(v.field(), v.message())).toList());
    }

    @ExceptionHandler(InvalidHeaderException.class)
    public ProblemDetail invalidHeader(InvalidHeaderException ex) {
        return Problems.invalidInput("A header is invalid.", List.of(new FieldViolation(ex.header(), ex.getMessage())));
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    public ProblemDetail keyReused(IdempotencyKeyReusedException ex) {
        return Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key reused", ex.getMessage());
    }

    @ExceptionHandler(NotTheOwnerException.class)
    public ProblemDetail notTheOwner(NotTheOwnerException ex) {
        return Problems.of(HttpStatus.FORBIDDEN, "Not your project", ex.getMessage());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    public ProblemDetail unknownProject(AggregateNotFoundException ex) {
        return Problems.of(HttpStatus.NOT_FOUND, "No such project",
                           "There is no project " + ex.getAggregateIdentifier() + ".");
    }

    @ExceptionHandler(UnknownRoundException.class)
    public ProblemDetail unknownRound(UnknownRoundException ex) {
        return Problems.of(HttpStatus.NOT_FOUND, "No such reporting round", ex.getMessage());
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    public ProblemDetail duplicateProject(AggregateStreamCreationException ex) {
        return Problems.of(HttpStatus.CONFLICT, "Project exists", "A project with this id is already on the roadmap.");
    }

    /** {@code If-Match} named a version that is no longer current. */
    @ExceptionHandler(ConflictingModificationException.class)
    public ProblemDetail staleVersion(ConflictingModificationException ex) {
        return Problems.of(HttpStatus.PRECONDITION_FAILED, "Version is not current",
                           "The project changed since the version in If-Match; read it again and retry.");
    }

    /**
     * Another change to the same stream was appended at the same moment (possibly by another instance). The stream is
     * a project's or a reporting round's (a round's close draws this too), so the detail names neither.
     */
    @ExceptionHandler(ConcurrencyException.class)
    public ProblemDetail concurrentChange(ConcurrencyException ex) {
        return Problems.of(HttpStatus.CONFLICT, "Concurrent change",
                           "Another change to the same project or reporting round was recorded at the same time; nothing of this request was recorded, retry.");
    }

    /** A rule of state: the message names the current state. */
    @ExceptionHandler(RuleOfStateException.class)
    public ProblemDetail ruleOfState(RuleOfStateException ex) {
        return Problems.of(HttpStatus.CONFLICT, "Not allowed in the current state", ex.getMessage());
    }

    /** Nothing of the file was imported: every problem in {@code errors}, and by row in {@code rows}. */
    @ExceptionHandler(ImportRejectedException.class)
    public ProblemDetail importRejected(ImportRejectedException ex) {
        HttpStatus status = ex.status();
        String detail = ex.rowCount() == 0
                ? "The import was refused; nothing was imported."
                : ex.rowCount() + " row(s) of the file cannot be imported; nothing was imported.";
        ProblemDetail problem = Problems.of(status, status == HttpStatus.CONFLICT ? "Project exists" : "Invalid input", detail);
        problem.setProperty("errors", ex.problems().stream()
                                         .map(p -> new FieldViolation(p.label(), p.message())).toList());
        List<ImportRejectedException.RowProblems> rows = ex.rows();
        if (!rows.isEmpty()) {
            problem.setProperty("rows", rows);
        }
        return problem;
    }
}
