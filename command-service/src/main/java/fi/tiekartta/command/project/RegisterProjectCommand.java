package fi.tiekartta.command.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/**
 * Put a project on the roadmap.
 *
 * @param effectiveDate the day from which the project is part of the roadmap; {@code null} means today
 */
public record RegisterProjectCommand(
        @TargetAggregateIdentifier String projectId,
        String changeId,
        String sector,
        String title,
        String owner,
        Integer plannedStartYear,
        Integer plannedEndYear,
        String description,
        LocalDate effectiveDate) {
}
