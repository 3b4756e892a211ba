package fi.tiekartta.query.ui;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The roadmap page's server side: its sign-in configuration and where it sends commands (the page itself is
 * static, under static/).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({UiOidcProperties.class, UiCommandServiceProperties.class})
public class UiConfiguration {

    /**
     * Only where the page talks to another origin (an OIDC provider, a command-service elsewhere): otherwise it
     * talks to this origin alone and the policy stays as it is.
     */
    @Bean
    FilterRegistrationBean<ConnectSourcesFilter> connectSourcesFilter(UiOidcProperties oidc,
                                                                      UiCommandServiceProperties commands) {
        List<String> origins = Stream.of(oidc.issuerOrigin(), commands.origin())
                                     .flatMap(Optional::stream).distinct().toList();
        FilterRegistrationBean<ConnectSourcesFilter> registration =
                new FilterRegistrationBean<>(new ConnectSourcesFilter(origins));
        registration.setEnabled(!origins.isEmpty());
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }
}
