package fi.tiekartta.events;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** The project's owner (projektipäällikkö) is {@code owner} from {@code effectiveDate} on. */
@Revision("1")
public record ProjectOwnerAssignedEvent(
        String projectId,
        String changeId,
        String owner,
        String previousOwner,
        LocalDate effectiveDate) {
}
