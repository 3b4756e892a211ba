package fi.tiekartta.command.round;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** Open a reporting round: ask every owner for their projects' status as of {@code asOf} by {@code dueDate}. */
public record OpenRoundCommand(
        @TargetAggregateIdentifier String roundId,
        String title,
        LocalDate asOf,
        LocalDate dueDate) {
}
