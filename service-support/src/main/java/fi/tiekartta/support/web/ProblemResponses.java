package fi.tiekartta.support.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The error answers both services share: every failure becomes {@code application/problem+json}, input
 * errors name their field, and nothing internal (stack traces, SQL) leaves the service. Each service has one
 * {@code @RestControllerAdvice} that extends this and adds its own domain exceptions.
 */
public abstract class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    /** Jackson names a repeated field only in its message (strict duplicate detection, see StrictJsonInput). */
    private static final Pattern DUPLICATE_FIELD = Pattern.compile("Duplicate field '([^']*)'");

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        if (RequestBodyLimitFilter.isTooLarge(ex)) {
            // A chunked body ran over the limit while the JSON reader was reading it.
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).header("Connection", "close")
                                 .body(Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "Body too large",
                                                   "The request body is over the size limit."));
        }
        return ResponseEntity.badRequest().body(
                Problems.invalidInput("The request body could not be read.", List.of(violationOf(ex))));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<FieldViolation> errors = ex.getBindingResult().getFieldErrors().stream()
                                        .map(e -> new FieldViolation(e.getField(), e.getDefaultMessage()))
                                        .toList();
        return ResponseEntity.badRequest().body(Problems.invalidInput("Some fields are invalid.", errors));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        String expected = ex.getRequiredType() == null ? "another type" : describe(ex.getRequiredType());
        return ResponseEntity.badRequest().body(Problems.invalidInput(
                "A parameter has the wrong form.", List.of(new FieldViolation(name, "must be " + expected))));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return ResponseEntity.badRequest().body(Problems.invalidInput(
                "A required parameter is missing.", List.of(new FieldViolation(ex.getParameterName(), "is required"))));
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        if (ex instanceof MissingRequestHeaderException missing) {
            return ResponseEntity.badRequest().body(Problems.invalidInput(
                    "A required header is missing.", List.of(new FieldViolation(missing.getHeaderName(), "is required"))));
        }
        return super.handleServletRequestBindingException(ex, headers, status, request);
    }

    /** Adds the correlation id to the problems Spring builds for the standard MVC exceptions (404, 405, 415 …). */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem
            && (problem.getProperties() == null || !problem.getProperties().containsKey("correlationId"))) {
            CorrelationIds.current().ifPresent(id -> problem.setProperty("correlationId", id));
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    @ExceptionHandler(SingleValuedParameters.RepeatedParameterException.class)
    public ProblemDetail repeatedParameter(SingleValuedParameters.RepeatedParameterException ex) {
        return Problems.invalidInput("A parameter is given more than once.", List.of(ex.violation()));
    }

    /** Thrown by method security; without this handler the catch-all below would turn it into a 500. */
    @ExceptionHandler(AccessDeniedException.class)
    public ProblemDetail accessDenied(AccessDeniedException ex) {
        return Problems.of(HttpStatus.FORBIDDEN, "Forbidden", "Your roles do not allow this request.");
    }

    /**
     * The firewall checks a header when it is first read, which may be inside a handler: refused as at the gate
     * (400), not as a failure of ours.
     */
    @ExceptionHandler(RequestRejectedException.class)
    public ProblemDetail requestRejected(RequestRejectedException ex) {
        return Problems.refusedByFirewall();
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        if (CommitOutcomeUnknownException.isCause(ex)) {
            log.warn("Commit in doubt: {}", DatabaseUnavailable.describe(ex));
            ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Outcome unknown",
                    "The database went away while this change was being committed, so it may or may not have been "
                    + "recorded. Retry with the same Idempotency-Key: if it was recorded you get the first answer, "
                    + "if not it is recorded once. Without a key, read the project before retrying.");
            problem.setProperty("outcome", "unknown");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                                 .header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS)
                                 .body(problem);
        }
        if (DatabaseUnavailable.isCause(ex)) {
            log.warn("Database unavailable: {}", DatabaseUnavailable.describe(ex));
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                                 .header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS)
                                 .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable",
                                                   "The database cannot be reached; nothing was recorded. Retry shortly."));
        }
        log.error("Unexpected failure", ex);
        return ResponseEntity.internalServerError().body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "The request could not be completed. Quote the correlation id when reporting this."));
    }

    private static FieldViolation violationOf(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return new FieldViolation(path(unknown), "is not a known field");
        }
        if (cause instanceof InvalidFormatException invalid) {
            return new FieldViolation(path(invalid), expectation(invalid));
        }
        if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            Class<?> target = mismatched.getTargetType();
            return new FieldViolation(path(mismatched), "must be " + (target == null ? "of another type" : describe(target)));
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return new FieldViolation(path(mapping), "is invalid");
        }
        if (cause instanceof JsonParseException parse && parse.getOriginalMessage() != null) {
            Matcher duplicate = DUPLICATE_FIELD.matcher(parse.getOriginalMessage());
            if (duplicate.lookingAt()) {
                return new FieldViolation(duplicate.group(1), "is given more than once");
            }
        }
        if (cause instanceof JsonProcessingException) {
            return new FieldViolation("body", "is not well-formed JSON");
        }
        return new FieldViolation("body", "is required and must be JSON");
    }

    private static String expectation(InvalidFormatException invalid) {
        Class<?> target = invalid.getTargetType();
        if (invalid.getCause() instanceof DateTimeParseException || (target != null && target.getName().startsWith("java.time"))) {
            return "must be a real calendar date in the form YYYY-MM-DD";
        }
        return "must be " + (target == null ? "of another type" : describe(target));
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                                     .collect(Collectors.joining(", "));
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type.getName().equals("java.time.LocalDate")) {
            return "a real calendar date in the form YYYY-MM-DD";
        }
        if (type.getName().equals("java.time.Instant")) {
            return "an ISO-8601 instant such as 2024-01-15T12:00:00Z";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        return "of type " + type.getSimpleName();
    }

    private static String path(JsonMappingException ex) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : ex.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }
}
