package fi.tiekartta.support.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

import java.util.Map;

/**
 * Every query parameter of these APIs holds one value. Given twice ({@code ?asOf=2023-12-31&asOf=2024-12-31}),
 * Spring would bind the first and drop the other without a word; here the request is refused instead, naming the
 * parameter. Runs after security, so an unauthenticated request is still told 401 first.
 */
public class SingleValuedParameters implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            if (parameter.getValue().length > 1) {
                throw new RepeatedParameterException(parameter.getKey());
            }
        }
        return true;
    }

    /** A query parameter given more than once. */
    public static class RepeatedParameterException extends RuntimeException {

        private final String parameter;

        RepeatedParameterException(String parameter) {
            super(parameter + " is given more than once");
            this.parameter = parameter;
        }

        public FieldViolation violation() {
            return new FieldViolation(parameter, "is given more than once; give it once");
        }
    }
}
