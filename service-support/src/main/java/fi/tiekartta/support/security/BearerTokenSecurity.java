package fi.tiekartta.support.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The part of the security filter chain both services share: stateless bearer-token authentication,
 * problem-detail refusals, open health, metrics and API description. Each service adds its own rules per
 * endpoint; whatever they do not name needs an authenticated caller.
 */
public final class BearerTokenSecurity {

    private static final String[] OPEN_PATHS = {
            "/actuator/health", "/actuator/health/**", "/actuator/prometheus",
            "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/error"
    };

    private BearerTokenSecurity() {
    }

    public static SecurityFilterChain build(
            HttpSecurity http, ObjectMapper json, JwtAuthenticationConverter tokenConverter,
            Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> rules)
            throws Exception {
        ProblemSecurityResponses refusals = new ProblemSecurityResponses(json);
        return http
                .csrf(csrf -> csrf.disable()) // no cookies, no sessions: a bearer token cannot be forged cross-site
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .cors(Customizer.withDefaults())
                // Only this origin's own scripts, styles and data; nothing may frame the pages.
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
                                + "frame-ancestors 'none'; form-action 'self'"))
                        .referrerPolicy(referrer -> referrer.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(authorize -> {
                    authorize.requestMatchers(OPEN_PATHS).permitAll();
                    rules.customize(authorize);
                    authorize.anyRequest().authenticated();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(tokenConverter))
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals))
                .exceptionHandling(e -> e.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
                .build();
    }
}
