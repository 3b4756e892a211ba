package fi.tiekartta.events;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * The project's descriptive details read as given here from {@code effectiveDate} on. The event states all
 * four details as they are after the revision, not only the changed ones, so that no reader has to know what
 * they were before.
 */
@Revision("1")
public record ProjectDetailsRevisedEvent(
        String projectId,
        String changeId,
        String title,
        String description,
        Integer plannedStartYear,
        Integer plannedEndYear,
        LocalDate effectiveDate) {
}
