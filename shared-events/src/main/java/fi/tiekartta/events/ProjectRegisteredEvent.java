package fi.tiekartta.events;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * A project was put on the roadmap. It is part of the roadmap from {@code effectiveDate} on (the day of
 * registration, or the date an imported roadmap speaks of). Its status starts as NOT_STARTED.
 */
@Revision("1")
public record ProjectRegisteredEvent(
        String projectId,
        String changeId,
        String sector,
        String title,
        String owner,
        Integer plannedStartYear,
        Integer plannedEndYear,
        String description,
        LocalDate effectiveDate) {
}
