package fi.tiekartta.query.round;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * E-mail reminders exist only where an SMTP server is configured ({@code spring.mail.host}, Spring Boot's own
 * property, which also makes Boot create the {@code JavaMailSender}); without one the service sends nothing.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("spring.mail.host")
@EnableConfigurationProperties(ReminderProperties.class)
@Import({ReminderJob.class, ReminderMail.class})
public class ReminderConfiguration {
}
