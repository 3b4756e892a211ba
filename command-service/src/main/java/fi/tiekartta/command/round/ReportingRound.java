package fi.tiekartta.command.round;

import fi.tiekartta.command.axon.CommandTargets;
import fi.tiekartta.command.project.RuleOfStateException;
import fi.tiekartta.command.project.Violations;
import fi.tiekartta.command.round.RoundAnswer.RoundState;
import fi.tiekartta.events.ReportingRoundClosedEvent;
import fi.tiekartta.events.ReportingRoundOpenedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A reporting round: the coordination group asks every owner for their projects' status as of a day, and closes
 * the round when it publishes. Its own stream, of its own aggregate type: the event store holds projects and rounds
 * side by side, and {@code filterEventsByType} makes a round id sent to a project command (or a project id to a
 * round command) unknown (404) rather than a stream of the other kind replayed into the wrong aggregate.
 * Which projects a round covers and who has reported the query-service works out from the events; the round only
 * decides whether it may be opened and closed.
 */
@Aggregate(type = ReportingRound.TYPE, filterEventsByType = true,
           commandTargetResolver = CommandTargets.BEAN)
public class ReportingRound {

    /** The aggregate type in the event store's {@code type} column. */
    public static final String TYPE = "ReportingRound";

    @AggregateIdentifier
    private String roundId;
    private boolean closed;

    protected ReportingRound() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    public ReportingRound(OpenRoundCommand command) {
        Violations violations = new Violations();
        RoundRules.checkOpening(command, violations);
        violations.throwIfAny("The reporting round cannot be opened.");
        apply(new ReportingRoundOpenedEvent(command.roundId(), command.title(), command.asOf(), command.dueDate()));
    }

    /** Closing is final: a closed round's report is what the store knew when it closed, so it is closed once. */
    @CommandHandler
    public RoundAnswer handle(CloseRoundCommand command) {
        if (closed) {
            throw new RuleOfStateException("Reporting round " + roundId + " is already closed.");
        }
        apply(new ReportingRoundClosedEvent(roundId));
        return new RoundAnswer(roundId, RoundState.CLOSED);
    }

    @EventSourcingHandler
    void on(ReportingRoundOpenedEvent event) {
        roundId = event.roundId();
    }

    @EventSourcingHandler
    void on(ReportingRoundClosedEvent event) {
        closed = true;
    }
}
