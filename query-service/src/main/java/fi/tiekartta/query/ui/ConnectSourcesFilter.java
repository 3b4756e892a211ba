package fi.tiekartta.query.ui;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;

/**
 * The page's script talks to other origins than its own: with OIDC sign-in, the provider (its discovery document
 * and token endpoint); to send commands, the command-service. The shared policy ({@code default-src 'self'})
 * would block both. This filter lets the policy through unchanged but for one addition: {@code connect-src} also
 * names those origins. Scripts, styles, frames and forms stay limited to this origin. It must wrap the response
 * before Spring Security's header writer does (it is ordered ahead of the security filter chain).
 */
final class ConnectSourcesFilter extends OncePerRequestFilter {

    private static final String CSP = "Content-Security-Policy";

    private final List<String> origins;

    ConnectSourcesFilter(List<String> origins) {
        this.origins = List.copyOf(origins);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void setHeader(String name, String value) {
                super.setHeader(name, edited(name, value));
            }

            @Override
            public void addHeader(String name, String value) {
                super.addHeader(name, edited(name, value));
            }
        });
    }

    private String edited(String name, String value) {
        if (!CSP.equalsIgnoreCase(name) || value == null) {
            return value;
        }
        String policy = value;
        for (String origin : origins) {
            policy = ContentSecurityPolicies.allowConnectTo(policy, origin);
        }
        return policy;
    }
}
