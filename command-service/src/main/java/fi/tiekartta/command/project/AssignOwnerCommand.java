package fi.tiekartta.command.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.LocalDate;

/** Make {@code owner} the project's owner from {@code effectiveDate} ({@code null}: today) on. */
public record AssignOwnerCommand(
        @TargetAggregateIdentifier String projectId,
        @TargetAggregateVersion Long expectedVersion,
        String changeId,
        String owner,
        LocalDate effectiveDate,
        String reason) {
}
