package fi.tiekartta.command.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.time.Duration;
import java.util.List;

/**
 * Lets the roadmap page, served by the query-service from another origin, send commands from the browser: the
 * origins named in {@code tiekartta.cors.allowed-origins} (and no other) may call {@code /api/**} with a bearer
 * token. Without that setting no source is defined at all, and the security chain's CORS handling stays as it
 * was: every cross-origin request refused.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CorsProperties.class)
public class CommandCorsConfiguration {

    /** What the page sends: its token, a JSON body, the version it read, and a key to repeat a lost request. */
    static final List<String> ALLOWED_HEADERS =
            List.of("Authorization", "Content-Type", "Accept", "If-Match", "Idempotency-Key", "X-Correlation-Id");
    /** What the page reads from an answer beyond the CORS-safelisted headers. */
    static final List<String> EXPOSED_HEADERS = List.of("ETag", "Location", "X-Correlation-Id", "Retry-After");

    @Bean
    @Conditional(OriginsConfigured.class)
    CorsConfigurationSource corsConfigurationSource(CorsProperties cors) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(cors.allowedOrigins());
        configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH"));
        configuration.setAllowedHeaders(ALLOWED_HEADERS);
        configuration.setExposedHeaders(EXPOSED_HEADERS);
        // A bearer token in a header, never a cookie: nothing for the browser to send on its own.
        configuration.setAllowCredentials(false);
        configuration.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", configuration);
        return source;
    }

    /** True when at least one origin is named (a blank setting, as docker-compose may pass, names none). */
    static final class OriginsConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Binder.get(context.getEnvironment())
                         .bind("tiekartta.cors.allowed-origins", Bindable.listOf(String.class))
                         .map(origins -> origins.stream().anyMatch(o -> !o.isBlank()))
                         .orElse(false);
        }
    }
}
