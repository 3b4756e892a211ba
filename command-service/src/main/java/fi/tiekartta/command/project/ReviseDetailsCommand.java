package fi.tiekartta.command.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.LocalDate;

/**
 * Revise the project's title, description or planned years; {@code null} keeps a detail as it is, an empty
 * description removes it.
 */
public record ReviseDetailsCommand(
        @TargetAggregateIdentifier String projectId,
        @TargetAggregateVersion Long expectedVersion,
        String changeId,
        String title,
        String description,
        Integer plannedStartYear,
        Integer plannedEndYear,
        LocalDate effectiveDate,
        String reason) {

    boolean revisesAnything() {
        return title != null || description != null || plannedStartYear != null || plannedEndYear != null;
    }
}
