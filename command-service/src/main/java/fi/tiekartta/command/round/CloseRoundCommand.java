package fi.tiekartta.command.round;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Close a reporting round: changes recorded from then on no longer count for it. */
public record CloseRoundCommand(@TargetAggregateIdentifier String roundId) {
}
