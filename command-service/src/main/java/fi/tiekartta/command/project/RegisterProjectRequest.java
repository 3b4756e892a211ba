package fi.tiekartta.command.project;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.LocalDate;

/**
 * The body of {@code POST /api/projects}. Without {@code projectId} the next free id of the sector is given;
 * {@code effectiveDate} is the day the project was put on the roadmap (default today, not after it), so a roadmap
 * kept elsewhere before can be entered with its history.
 */
@Schema(requiredProperties = {"sector", "title", "owner"}) // what ProjectRules requires
public record RegisterProjectRequest(
        String projectId,
        String sector,
        String title,
        String owner,
        Integer plannedStartYear,
        Integer plannedEndYear,
        String description,
        LocalDate effectiveDate) {
}
