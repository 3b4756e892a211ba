package fi.tiekartta.command.importing;

import java.time.LocalDate;
import java.util.List;

/**
 * The answer to an accepted import.
 *
 * @param projects      how many projects were registered
 * @param statusChanges how many status changes were recorded (of projects and of their units)
 * @param projectIds    the registered projects, in the order of the file
 */
public record ImportSummary(LocalDate effectiveDate, int projects, int statusChanges, List<String> projectIds) {
}
