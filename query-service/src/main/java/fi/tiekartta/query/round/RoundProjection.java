package fi.tiekartta.query.round;

import fi.tiekartta.events.ReportingRoundClosedEvent;
import fi.tiekartta.events.ReportingRoundOpenedEvent;
import fi.tiekartta.query.projects.ProjectProjection;
import fi.tiekartta.vocabulary.AuditMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * Projects the reporting rounds' events into {@code read_model.reporting_round}. It belongs to the project views'
 * processing group on purpose: one token covers both, so a round's row is written in the same transaction as the
 * project events before it, and once a round is seen opened (or closed) every project event recorded before that
 * is in the views too. That is what lets membership and "reported" be asked of the views at the round's instants
 * ({@link RoundProgress}), and it makes a read-model rebuild rebuild the rounds as well.
 */
@Component
@ProcessingGroup(ProjectProjection.PROCESSING_GROUP)
public class RoundProjection {

    private static final String LIVE_SCHEMA = "read_model";

    private final RoundTable rounds;

    public RoundProjection(RoundTable rounds) {
        this.rounds = rounds;
    }

    @EventHandler
    void on(ReportingRoundOpenedEvent event, EventMessage<?> message) {
        project(LIVE_SCHEMA, message);
    }

    @EventHandler
    void on(ReportingRoundClosedEvent event, EventMessage<?> message) {
        project(LIVE_SCHEMA, message);
    }

    /** Whether {@code payload} is a round's event, which {@link #project} writes. */
    public static boolean isRoundEvent(Object payload) {
        return payload instanceof ReportingRoundOpenedEvent || payload instanceof ReportingRoundClosedEvent;
    }

    /**
     * Writes a round's event into the {@code reporting_round} of {@code schema}: the live handlers' one home, which a
     * rebuild calls for its own tables, so the two cannot disagree.
     */
    public void project(String schema, EventMessage<?> message) {
        if (message.getPayload() instanceof ReportingRoundOpenedEvent event) {
            rounds.opened(schema, event.roundId(), event.title(), event.asOf(), event.dueDate(), message.getTimestamp(), actor(message));
        } else if (message.getPayload() instanceof ReportingRoundClosedEvent event) {
            rounds.closed(schema, event.roundId(), message.getTimestamp(), actor(message));
        }
    }

    /** The reminders sent (table round_reminder) are facts, not projections: a rebuild leaves them alone. */
    @ResetHandler
    void reset() {
        rounds.deleteAll();
    }

    private static String actor(EventMessage<?> message) {
        return (String) message.getMetaData().get(AuditMetadata.ACTOR);
    }
}
