package fi.tiekartta.command.project;

import fi.tiekartta.vocabulary.ProjectStatus;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.LocalDate;

/**
 * Report that a project, or one of its units, reached a status.
 *
 * @param expectedVersion the project version the sender saw ({@code If-Match}); {@code null} when it does not care
 * @param effectiveDate   the day the status became true; {@code null} means today
 * @param reason          why, as the actor says; stored in the event's metadata
 */
public record ChangeProjectStatusCommand(
        @TargetAggregateIdentifier String projectId,
        @TargetAggregateVersion Long expectedVersion,
        String changeId,
        ProjectStatus status,
        LocalDate effectiveDate,
        Integer progressPercent,
        Integer targetYear,
        String scheduledFor,
        String unit,
        String note,
        String reason) {
}
