package fi.tiekartta.support.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the errors that never reach a controller (a request the security firewall rejects, a
 * {@code sendError} from a filter) as problem details too, in place of Spring Boot's HTML/JSON error page.
 * It says only the status: whatever went wrong is in the log under the correlation id.
 */
@Hidden // the servlet container's error page, not an endpoint of the API
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatusCode status = HttpStatusCode.valueOf(code instanceof Integer c && c >= 400 ? c : 500);
        HttpStatus known = HttpStatus.resolve(status.value());
        String title = known == null ? "Error" : known.getReasonPhrase();
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                             .body(Problems.of(status, title, status.is4xxClientError()
                                     ? "The request cannot be processed as it is."
                                     : "The request could not be completed. Quote the correlation id when reporting this."));
    }
}
