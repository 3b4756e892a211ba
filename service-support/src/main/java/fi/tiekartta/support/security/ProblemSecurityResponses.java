package fi.tiekartta.support.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tiekartta.support.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import java.io.IOException;

/**
 * 401 and 403 as problem details like every other error, with the {@code WWW-Authenticate} header a bearer
 * client expects, and 400 for a request the firewall refuses. Refusals are logged with subject and path (never the
 * token), so that probing shows up.
 */
public class ProblemSecurityResponses implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemSecurityResponses.class);

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final ObjectMapper json;

    public ProblemSecurityResponses(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException authException) throws IOException {
        bearer.commence(request, response, authException);
        log.info("Refused unauthenticated {} {}: {}", request.getMethod(), request.getRequestURI(),
                 authException.getMessage());
        write(response, Problems.of(HttpStatus.UNAUTHORIZED, "Unauthorized",
                                    "A valid bearer token is required."));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException accessDeniedException) throws IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        log.info("Refused {} {} to subject {} with {}", request.getMethod(), request.getRequestURI(),
                 authentication == null ? "-" : authentication.getName(),
                 authentication == null ? "-" : authentication.getAuthorities());
        response.setStatus(HttpStatus.FORBIDDEN.value());
        write(response, Problems.of(HttpStatus.FORBIDDEN, "Forbidden", "Your roles do not allow this request."));
    }

    /** The firewall's reason repeats the offending value, which may be a token: it is neither answered nor logged. */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       RequestRejectedException requestRejectedException) throws IOException {
        log.info("Refused by the firewall: {} {}", request.getMethod(), request.getRequestURI());
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        write(response, Problems.refusedByFirewall());
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
