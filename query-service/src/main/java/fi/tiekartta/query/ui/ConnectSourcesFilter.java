package fi.tiekartta.query.ui;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * With OIDC sign-in, the page's script fetches the provider's discovery document and exchanges the
 * authorization code at its token endpoint; the shared policy ({@code default-src 'self'}) would block both.
 * This filter lets the policy through unchanged but for one addition: {@code connect-src} also names the
 * configured issuer's origin. Scripts, styles, frames and forms stay limited to this origin. It must wrap the
 * response before Spring Security's header writer does (it is ordered ahead of the security filter chain).
 */
final class IdentityProviderConnectFilter extends OncePerRequestFilter {

    private static final String CSP = "Content-Security-Policy";

    private final String issuerOrigin;

    IdentityProviderConnectFilter(String issuerOrigin) {
        this.issuerOrigin = issuerOrigin;
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
        return CSP.equalsIgnoreCase(name) && value != null ? ContentSecurityPolicies.allowConnectTo(value, issuerOrigin) : value;
    }
}
