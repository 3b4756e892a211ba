package fi.tiekartta.query.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tiekartta.support.security.BearerTokenSecurity;
import fi.tiekartta.support.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

import java.util.Arrays;

/** Who may read what (the matrix in docs/SECURITY.md). The public roadmap, when on, has a chain of its own ahead of this one. */
@Configuration(proxyBeanMethods = false)
public class QuerySecurityConfiguration {

    private static final String[] PAGE_PATHS = {"/", "/index.html", "/ui/**", "/favicon.ico", "/ui-config.json"};
    private static final String[] EVERY_ROLE = Arrays.stream(Role.values()).map(Role::name).toArray(String[]::new);

    @Bean
    public SecurityFilterChain queryApiSecurity(HttpSecurity http, ObjectMapper json,
                                                JwtAuthenticationConverter tokenConverter) throws Exception {
        return BearerTokenSecurity.build(http, json, tokenConverter, rules -> rules
                // The roadmap page itself is static; everything it shows comes from the API with a token.
                .requestMatchers(HttpMethod.GET, PAGE_PATHS).permitAll()
                .requestMatchers(HttpMethod.HEAD, PAGE_PATHS).permitAll()
                .requestMatchers(HttpMethod.GET, "/api/projects", "/api/projects/*", "/api/projects/*/history",
                                 "/api/roadmap", "/api/reports/year-end/*")
                .hasAnyRole(EVERY_ROLE)
                .requestMatchers(HttpMethod.GET, "/api/me/reporting").hasAnyRole(EVERY_ROLE)
                .requestMatchers(HttpMethod.GET, "/api/reporting-rounds", "/api/reporting-rounds/*",
                                 "/api/reporting-rounds/*/report")
                .hasAnyRole(Role.COORDINATOR.name(), Role.MANAGEMENT.name(), Role.AUDITOR.name())
                .requestMatchers(HttpMethod.GET, "/api/audit/**").hasRole(Role.AUDITOR.name())
                .requestMatchers(HttpMethod.GET, "/api/admin/replay").hasRole(Role.ADMIN.name())
                .requestMatchers(HttpMethod.POST, "/api/admin/replay").hasRole(Role.ADMIN.name())
                .requestMatchers("/api/**").denyAll());
    }
}
