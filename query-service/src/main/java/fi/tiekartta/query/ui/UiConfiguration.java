package fi.tiekartta.query.ui;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The roadmap page's server side: its sign-in configuration (the page itself is static, under static/). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UiOidcProperties.class)
public class UiConfiguration {

    /** Only with OIDC sign-in: in local mode the page talks to this origin alone and the policy stays as it is. */
    @Bean
    FilterRegistrationBean<IdentityProviderConnectFilter> identityProviderConnectFilter(UiOidcProperties oidc) {
        FilterRegistrationBean<IdentityProviderConnectFilter> registration =
                new FilterRegistrationBean<>(new IdentityProviderConnectFilter(oidc.issuerOrigin().orElse("")));
        registration.setEnabled(oidc.enabled());
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }
}
