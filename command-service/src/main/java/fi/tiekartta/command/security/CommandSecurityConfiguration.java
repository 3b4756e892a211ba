package fi.tiekartta.command.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tiekartta.support.security.BearerTokenSecurity;
import fi.tiekartta.support.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/** Who may send which command (the matrix in docs/SECURITY.md). */
@Configuration(proxyBeanMethods = false)
public class CommandSecurityConfiguration {

    @Bean
    public SecurityFilterChain commandApiSecurity(HttpSecurity http, ObjectMapper json,
                                                  JwtAuthenticationConverter tokenConverter) throws Exception {
        return BearerTokenSecurity.build(http, json, tokenConverter, rules -> rules
                .requestMatchers(HttpMethod.POST, "/api/projects").hasRole(Role.COORDINATOR.name())
                .requestMatchers(HttpMethod.POST, "/api/imports").hasRole(Role.COORDINATOR.name())
                .requestMatchers(HttpMethod.POST, "/api/projects/*/status-changes")
                .hasAnyRole(Role.OWNER.name(), Role.COORDINATOR.name())
                .requestMatchers(HttpMethod.PATCH, "/api/projects/*").hasAnyRole(Role.OWNER.name(), Role.COORDINATOR.name())
                .requestMatchers(HttpMethod.PUT, "/api/projects/*/owner").hasRole(Role.COORDINATOR.name())
                .requestMatchers(HttpMethod.POST, "/api/projects/*/corrections")
                .hasAnyRole(Role.OWNER.name(), Role.COORDINATOR.name())
                .requestMatchers(HttpMethod.POST, "/api/reporting-rounds").hasRole(Role.COORDINATOR.name())
                .requestMatchers(HttpMethod.POST, "/api/reporting-rounds/*/close").hasRole(Role.COORDINATOR.name())
                .requestMatchers("/api/**").denyAll());
    }
}
