package fi.tiekartta.query.projects;

import fi.tiekartta.events.ProjectDetailsRevisedEvent;
import fi.tiekartta.events.ProjectOwnerAssignedEvent;
import fi.tiekartta.events.ProjectRegisteredEvent;
import fi.tiekartta.events.ProjectStatusChangedEvent;
import fi.tiekartta.events.StatusChangeCorrectedEvent;
import fi.tiekartta.events.StatusChangeRetractedEvent;
import fi.tiekartta.vocabulary.AuditMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * Projects every project event into the change log and the bitemporal project views, in one transaction with
 * the processor's token. An event seen twice (a redelivery after a crash, a replay) is recognised by its
 * place in the stream and changes nothing.
 */
@Component
@ProcessingGroup(ProjectProjection.PROCESSING_GROUP)
public class ProjectProjection {

    public static final String PROCESSING_GROUP = "project-views";

    private final ChangeLog changes;
    private final ProjectViewTable views;

    public ProjectProjection(ChangeLog changes, ProjectViewTable views) {
        this.changes = changes;
        this.views = views;
    }

    @EventHandler
    void on(ProjectRegisteredEvent event, DomainEventMessage<?> message) {
        record(new RecordedChange(
                event.projectId(), message.getSequenceNumber(), event.changeId(), message.getIdentifier(),
                ChangeType.REGISTERED, message.getTimestamp(), actor(message), reason(message), correlationId(message),
                event.effectiveDate(), null, null, null, null, null, null, null, null,
                new ProjectDetails(event.sector(), event.title(), event.owner(), event.plannedStartYear(),
                                   event.plannedEndYear(), event.description())));
    }

    @EventHandler
    void on(ProjectStatusChangedEvent event, DomainEventMessage<?> message) {
        record(new RecordedChange(
                event.projectId(), message.getSequenceNumber(), event.changeId(), message.getIdentifier(),
                ChangeType.STATUS_CHANGED, message.getTimestamp(), actor(message), reason(message),
                correlationId(message), event.effectiveDate(), event.status(), event.previousStatus(), event.unit(),
                event.progressPercent(), event.targetYear(), event.scheduledFor(), event.note(), null, null));
    }

    @EventHandler
    void on(ProjectOwnerAssignedEvent event, DomainEventMessage<?> message) {
        record(new RecordedChange(
                event.projectId(), message.getSequenceNumber(), event.changeId(), message.getIdentifier(),
                ChangeType.OWNER_ASSIGNED, message.getTimestamp(), actor(message), reason(message),
                correlationId(message), event.effectiveDate(), null, null, null, null, null, null, null, null,
                new ProjectDetails(null, null, event.owner(), null, null, null)));
    }

    @EventHandler
    void on(ProjectDetailsRevisedEvent event, DomainEventMessage<?> message) {
        record(new RecordedChange(
                event.projectId(), message.getSequenceNumber(), event.changeId(), message.getIdentifier(),
                ChangeType.DETAILS_REVISED, message.getTimestamp(), actor(message), reason(message),
                correlationId(message), event.effectiveDate(), null, null, null, null, null, null, null, null,
                new ProjectDetails(null, event.title(), null, event.plannedStartYear(), event.plannedEndYear(),
                                   event.description())));
    }

    @EventHandler
    void on(StatusChangeCorrectedEvent event, DomainEventMessage<?> message) {
        record(new RecordedChange(
                event.projectId(), message.getSequenceNumber(), event.changeId(), message.getIdentifier(),
                ChangeType.CORRECTED, message.getTimestamp(), actor(message), reason(message), correlationId(message),
                event.effectiveDate(), event.status(), null, event.unit(), event.progressPercent(), event.targetYear(),
                event.scheduledFor(), event.note(), event.correctedChangeId(), null));
    }

    @EventHandler
    void on(StatusChangeRetractedEvent event, DomainEventMessage<?> message) {
        record(new RecordedChange(
                event.projectId(), message.getSequenceNumber(), event.changeId(), message.getIdentifier(),
                ChangeType.RETRACTED, message.getTimestamp(), actor(message), reason(message), correlationId(message),
                null, null, null, null, null, null, null, null, event.retractedChangeId(), null));
    }

    @ResetHandler
    void reset() {
        views.deleteAll();
        changes.deleteAll();
    }

    private void record(RecordedChange change) {
        if (changes.append(change)) {
            views.supersede(change.projectId(), ProjectTimeline.fold(changes.changesOf(change.projectId())),
                            change.recordedAt());
        }
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
