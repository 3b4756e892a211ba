package fi.tiekartta.command.importing;

/**
 * One project row of a roadmap CSV, its values trimmed and empty values {@code null}. Whether they are valid
 * (a known sector, a title) is for the aggregate to say, so that an import and a single registration follow
 * one set of rules.
 *
 * @param line the line of the file the row starts on
 */
record RoadmapRow(int line, String id, String sector, String title, String statusText, String owner,
                  Integer plannedStartYear, Integer plannedEndYear, String description) {
}
