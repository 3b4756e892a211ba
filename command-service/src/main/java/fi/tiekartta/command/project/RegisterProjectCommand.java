package fi.tiekartta.command.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/**
 * Put a project on the roadmap.
 *
 * @param effectiveDate  the day from which the project is part of the roadmap; {@code null} means today
 * @param ownerMayFollow whether the project may come without an owner, for a coordinator to assign later: only for
 *                       an import of a roadmap document that names no owners
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
        LocalDate effectiveDate,
        boolean ownerMayFollow) {

    /** A registration that names its owner. */
    public RegisterProjectCommand(String projectId, String changeId, String sector, String title, String owner,
                                  Integer plannedStartYear, Integer plannedEndYear, String description,
                                  LocalDate effectiveDate) {
        this(projectId, changeId, sector, title, owner, plannedStartYear, plannedEndYear, description, effectiveDate,
             false);
    }
}
