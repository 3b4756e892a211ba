package fi.tiekartta.query.publicroadmap;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tiekartta.support.openapi.OpenApiConfiguration;
import fi.tiekartta.support.security.BearerTokenSecurity;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/**
 * The public roadmap's wiring. The gate ({@link PublicAccessFilter}) is always there, so that with the feature
 * off the public paths answer 404 rather than 401; everything else exists only when it is on.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PublicRoadmapProperties.class)
public class PublicRoadmapConfiguration {

    static final String[] PUBLIC_PATHS = {"/public/**", "/julkinen", "/julkinen/**"};

    /** After the correlation id (so refusals carry it), before Spring Security. */
    @Bean
    FilterRegistrationBean<PublicAccessFilter> publicAccessFilter(PublicRoadmapProperties properties, ObjectMapper json) {
        FilterRegistrationBean<PublicAccessFilter> registration =
                new FilterRegistrationBean<>(new PublicAccessFilter(properties, json));
        registration.addUrlPatterns("/public/*", "/julkinen/*", "/julkinen");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "tiekartta.public", name = "enabled", havingValue = "true")
    static class WhenPublished implements WebMvcConfigurer {

        /**
         * Open without a token, ahead of the service's own chain (which stays as it is for everything else). The
         * shared headers (Content-Security-Policy, no referrer, nosniff, no framing) apply here too; GET and HEAD
         * only, as the gate already ensures.
         */
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        SecurityFilterChain publicRoadmapSecurity(HttpSecurity http, ObjectMapper json,
                                                  JwtAuthenticationConverter tokenConverter) throws Exception {
            return BearerTokenSecurity.build(http.securityMatcher(PUBLIC_PATHS), json, tokenConverter, rules -> rules
                    .requestMatchers(HttpMethod.GET, PUBLIC_PATHS).permitAll()
                    .requestMatchers(HttpMethod.HEAD, PUBLIC_PATHS).permitAll()
                    .requestMatchers("/**").denyAll());
        }

        @Override
        public void addViewControllers(ViewControllerRegistry registry) {
            registry.addRedirectViewController("/julkinen", "/julkinen/");
            registry.addViewController("/julkinen/").setViewName("forward:/julkinen/index.html");
        }

        /**
         * The public operations need no token: no security requirement, no 401 or 403 (which every other operation
         * lists), and the answers that only they give: 304 and 429.
         */
        @Bean
        OpenApiCustomizer publicOperationsNeedNoToken() {
            return api -> api.getPaths().forEach((path, item) -> {
                if (path.startsWith(PublicAccessFilter.API_PREFIX)) {
                    item.readOperations().forEach(PublicRoadmapConfiguration::describePublic);
                }
            });
        }
    }

    private static void describePublic(Operation operation) {
        operation.setSecurity(List.of());
        operation.getResponses().remove("401");
        operation.getResponses().remove("403");
        operation.getResponses().addApiResponse("304", new ApiResponse()
                .description("Not modified: the If-None-Match names this answer's ETag"));
        operation.getResponses().addApiResponse("429", OpenApiConfiguration.problem(
                "Too many requests from this client; Retry-After says when to try again"));
    }
}
