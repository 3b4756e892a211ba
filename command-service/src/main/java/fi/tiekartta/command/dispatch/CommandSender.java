package fi.tiekartta.command.dispatch;

import fi.tiekartta.support.security.CurrentActor;
import fi.tiekartta.support.web.CorrelationIds;
import fi.tiekartta.vocabulary.AuditMetadata;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Sends a command on behalf of the authenticated caller. The actor and the correlation id travel as command
 * metadata and Axon copies them onto every event the command appends (see {@code AuditMetadataConfiguration}),
 * so no handler can forget them and no request body can supply them. The sender's roles travel with the
 * command only.
 */
@Component
public class CommandSender {

    /** The sender's roles, for rules only the aggregate can check (an owner changes only its own projects). */
    public static final String ROLES = "roles";

    private final CommandGateway gateway;

    public CommandSender(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> R send(Object command) {
        MetaData audit = MetaData.with(AuditMetadata.ACTOR, CurrentActor.name())
                                 .and(AuditMetadata.CORRELATION_ID,
                                      CorrelationIds.current().orElseGet(() -> UUID.randomUUID().toString()))
                                 .and(ROLES, CurrentActor.roles());
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(audit));
    }
}
