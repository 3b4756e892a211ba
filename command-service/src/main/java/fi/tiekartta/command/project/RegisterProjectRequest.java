package fi.tiekartta.command.project;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;

/** The body of {@code POST /api/projects}. Without {@code projectId} the next free id of the sector is given. */
@Schema(requiredProperties = {"sector", "title", "owner"}) // what ProjectRules requires
public record RegisterProjectRequest(
        String projectId,
        String sector,
        String title,
        @NotBlank(message = "is required") String owner,
        Integer plannedStartYear,
        Integer plannedEndYear,
        String description) {
}
