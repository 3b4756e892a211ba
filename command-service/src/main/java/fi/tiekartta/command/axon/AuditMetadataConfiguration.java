package fi.tiekartta.command.axon;

import fi.tiekartta.vocabulary.AuditMetadata;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Copies who and which request from a command's metadata onto the events it produces. Replaces Axon's default
 * MessageOriginProvider, whose {@code correlationId} would be the command message id rather than the request's.
 */
@Configuration(proxyBeanMethods = false)
public class AuditMetadataConfiguration {

    @Bean
    public CorrelationDataProvider auditMetadataProvider() {
        return new SimpleCorrelationDataProvider(AuditMetadata.ACTOR, AuditMetadata.CORRELATION_ID);
    }
}
