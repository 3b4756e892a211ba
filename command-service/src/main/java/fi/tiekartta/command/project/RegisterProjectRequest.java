package fi.tiekartta.command.project;

/** The body of {@code POST /api/projects}. Without {@code projectId} the next free id of the sector is given. */
public record RegisterProjectRequest(
        String projectId,
        String sector,
        String title,
        String owner,
        Integer plannedStartYear,
        Integer plannedEndYear,
        String description) {
}
