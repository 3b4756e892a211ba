package fi.tiekartta.command.importing;

/**
 * One thing wrong with an import, located so that a coordinator can find it in the file.
 *
 * @param line      the 1-based line of the file (the header is line 1); {@code null} for the request as a whole
 * @param projectId the row's id, when it has one
 * @param field     the CSV column (or {@code header}, {@code row}, {@code body}, {@code effectiveDate})
 * @param conflict  the row clashes with what the store already holds (409) rather than being invalid (400)
 */
public record ImportProblem(Integer line, String projectId, String field, String message, boolean conflict) {

    static ImportProblem invalid(Integer line, String projectId, String field, String message) {
        return new ImportProblem(line, projectId, field, message, false);
    }

    static ImportProblem conflict(Integer line, String projectId, String field, String message) {
        return new ImportProblem(line, projectId, field, message, true);
    }

    static ImportProblem ofRequest(String field, String message) {
        return invalid(null, null, field, message);
    }

    /** How the problem is named in the {@code errors} list: {@code line 7 (TE-03) status_text}. */
    public String label() {
        if (line == null) {
            return field;
        }
        return "line " + line + (projectId == null ? "" : " (" + projectId + ")") + " " + field;
    }
}
