package fi.tiekartta.command.project;

import jakarta.validation.constraints.NotBlank;

/** The body of {@code POST /api/projects}. Without {@code projectId} the next free id of the sector is given. */
public record RegisterProjectRequest(
        String projectId,
        String sector,
        String title,
        @NotBlank(message = "is required") String owner,
        Integer plannedStartYear,
        Integer plannedEndYear,
        String description) {
}
