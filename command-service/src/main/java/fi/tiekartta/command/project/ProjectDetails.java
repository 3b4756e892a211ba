package fi.tiekartta.command.project;

/** The descriptive details of a project the aggregate keeps, to apply partial revisions to. */
record ProjectDetails(String title, String description, Integer plannedStartYear, Integer plannedEndYear) {

    ProjectDetails revisedBy(ReviseDetailsCommand command) {
        return new ProjectDetails(
                command.title() != null ? command.title() : title,
                command.description() == null ? description : command.description().isEmpty() ? null : command.description(),
                command.plannedStartYear() != null ? command.plannedStartYear() : plannedStartYear,
                command.plannedEndYear() != null ? command.plannedEndYear() : plannedEndYear);
    }
}
