package fi.tiekartta.query.projects;

import fi.tiekartta.events.ProjectDetailsRevisedEvent;
import fi.tiekartta.events.ProjectOwnerAssignedEvent;
import fi.tiekartta.events.ProjectRegisteredEvent;
import fi.tiekartta.events.ProjectStatusChangedEvent;
import fi.tiekartta.events.StatusChangeCorrectedEvent;
import fi.tiekartta.events.StatusChangeRetractedEvent;
import fi.tiekartta.vocabulary.AuditMetadata;
import org.axonframework.eventhandling.DomainEventMessage;

import java.util.Optional;

/**
 * How a project event reads as a {@link RecordedChange}: the one mapping both the projection and the audit
 * replay use, so that a replay from the store folds exactly what the read models folded.
 */
public final class RecordedChanges {

    private RecordedChanges() {
    }

    /** Whether {@code payload} is one of a project's events (the store also holds other streams, e.g. reporting rounds). */
    public static boolean isProjectEvent(Object payload) {
        return payload instanceof ProjectRegisteredEvent || payload instanceof ProjectStatusChangedEvent
               || payload instanceof ProjectOwnerAssignedEvent || payload instanceof ProjectDetailsRevisedEvent
               || payload instanceof StatusChangeCorrectedEvent || payload instanceof StatusChangeRetractedEvent;
    }

    /** The change a stored project event records; empty for a payload that is not a project event. */
    public static Optional<RecordedChange> of(DomainEventMessage<?> message) {
        Object payload = message.getPayload();
        if (payload instanceof ProjectRegisteredEvent event) {
            return Optional.of(of(event, message));
        } else if (payload instanceof ProjectStatusChangedEvent event) {
            return Optional.of(of(event, message));
        } else if (payload instanceof ProjectOwnerAssignedEvent event) {
            return Optional.of(of(event, message));
        } else if (payload instanceof ProjectDetailsRevisedEvent event) {
            return Optional.of(of(event, message));
        } else if (payload instanceof StatusChangeCorrectedEvent event) {
            return Optional.of(of(event, message));
        } else if (payload instanceof StatusChangeRetractedEvent event) {
            return Optional.of(of(event, message));
        }
        return Optional.empty();
    }

    public static RecordedChange of(ProjectRegisteredEvent event, DomainEventMessage<?> message) {
        return new RecordedChange(
                event.projectId(), message.getSequenceNumber(), event.changeId(), message.getIdentifier(),
                ChangeType.REGISTERED, message.getTimestamp(), actor(message), reason(message), correlationId(message),
                event.effectiveDate(), null, null, null, null, null, null, null, null,
                new ProjectDetails(event.sector(), event.title(), event.owner(), event.plannedStartYear(),
                                   event.plannedEndYear(), event.description()));
    }

    public static RecordedChange of(ProjectStatusChangedEvent event, DomainEventMessage<?> message) {
        return new RecordedChange(
                event.projectId(), message.getSequenceNumber(), event.changeId(), message.getIdentifier(),
                ChangeType.STATUS_CHANGED, message.getTimestamp(), actor(message), reason(message),
                correlationId(message), event.effectiveDate(), event.status(), event.previousStatus(), event.unit(),
                event.progressPercent(), event.targetYear(), event.scheduledFor(), event.note(), null, null);
    }

    public static RecordedChange of(ProjectOwnerAssignedEvent event, DomainEventMessage<?> message) {
        return new RecordedChange(
                event.projectId(), message.getSequenceNumber(), event.changeId(), message.getIdentifier(),
                ChangeType.OWNER_ASSIGNED, message.getTimestamp(), actor(message), reason(message),
                correlationId(message), event.effectiveDate(), null, null, null, null, null, null, null, null,
                new ProjectDetails(null, null, event.owner(), null, null, null));
    }

    public static RecordedChange of(ProjectDetailsRevisedEvent event, DomainEventMessage<?> message) {
        return new RecordedChange(
                event.projectId(), message.getSequenceNumber(), event.changeId(), message.getIdentifier(),
                ChangeType.DETAILS_REVISED, message.getTimestamp(), actor(message), reason(message),
                correlationId(message), event.effectiveDate(), null, null, null, null, null, null, null, null,
                new ProjectDetails(null, event.title(), null, event.plannedStartYear(), event.plannedEndYear(),
                                   event.description()));
    }

    public static RecordedChange of(StatusChangeCorrectedEvent event, DomainEventMessage<?> message) {
        return new RecordedChange(
                event.projectId(), message.getSequenceNumber(), event.changeId(), message.getIdentifier(),
                ChangeType.CORRECTED, message.getTimestamp(), actor(message), reason(message), correlationId(message),
                event.effectiveDate(), event.status(), null, event.unit(), event.progressPercent(), event.targetYear(),
                event.scheduledFor(), event.note(), event.correctedChangeId(), null);
    }

    public static RecordedChange of(StatusChangeRetractedEvent event, DomainEventMessage<?> message) {
        return new RecordedChange(
                event.projectId(), message.getSequenceNumber(), event.changeId(), message.getIdentifier(),
                ChangeType.RETRACTED, message.getTimestamp(), actor(message), reason(message), correlationId(message),
                null, null, null, null, null, null, null, null, event.retractedChangeId(), null);
    }

    private static String actor(DomainEventMessage<?> message) {
        return (String) message.getMetaData().get(AuditMetadata.ACTOR);
    }

    private static String reason(DomainEventMessage<?> message) {
        return (String) message.getMetaData().get(AuditMetadata.REASON);
    }

    private static String correlationId(DomainEventMessage<?> message) {
        return (String) message.getMetaData().get(AuditMetadata.CORRELATION_ID);
    }
}
