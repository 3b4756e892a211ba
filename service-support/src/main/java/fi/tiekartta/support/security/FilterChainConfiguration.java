package fi.tiekartta.support.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * How the security filter chain treats every request: without observations of its own, behind a firewall that
 * checks characters without regular expressions, and with firewall refusals answered as problem details.
 *
 * <p>No Micrometer observations of the chain, its authentication or its authorisation: with them every one of the
 * chain's filters was wrapped and observed on every request (docs/PERFORMANCE.md, "What bounds each number"), and no
 * metric anyone watches comes from them. Request latency is still observed once per request
 * ({@code http.server.requests}), refusals are still logged ({@link ProblemSecurityResponses}).
 */
@Configuration(proxyBeanMethods = false)
public class FilterChainConfiguration {

    @Bean
    public SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring's strict firewall, every rule as by default; its character checks without regular expressions. */
    @Bean
    public HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::allowedInName);
        firewall.setAllowedHeaderValues(HeaderCharacters::allowedInValue);
        firewall.setAllowedParameterNames(HeaderCharacters::allowedInName);
        return firewall;
    }

    /** A request the firewall refuses is answered 400 as a problem detail, not left to fail as a 500. */
    @Bean
    public RequestRejectedHandler requestRejectedHandler(ObjectMapper json) {
        return new ProblemSecurityResponses(json);
    }
}
