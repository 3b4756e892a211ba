package fi.tiekartta.query.projects;

import fi.tiekartta.events.ProjectDetailsRevisedEvent;
import fi.tiekartta.events.ProjectOwnerAssignedEvent;
import fi.tiekartta.events.ProjectRegisteredEvent;
import fi.tiekartta.events.ProjectStatusChangedEvent;
import fi.tiekartta.events.StatusChangeCorrectedEvent;
import fi.tiekartta.events.StatusChangeRetractedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * Projects every project event into the change log and the bitemporal project views, in one transaction with
 * the processor's token ({@link ProjectionWriter} writes a batch of events at a time). An event seen twice (a
 * redelivery after a crash, a replay) is recognised by its place in the stream and changes nothing. How an event
 * reads as a change is {@link RecordedChanges}'s, which the audit replay shares.
 */
@Component
@ProcessingGroup(ProjectProjection.PROCESSING_GROUP)
public class ProjectProjection {

    public static final String PROCESSING_GROUP = "project-views";

    private final ChangeLog changes;
    private final ProjectViewTable views;
    private final ProjectHeads heads;
    private final ProjectionWriter writer;

    public ProjectProjection(ChangeLog changes, ProjectViewTable views, ProjectHeads heads, ProjectionWriter writer) {
        this.changes = changes;
        this.views = views;
        this.heads = heads;
        this.writer = writer;
    }

    @EventHandler
    void on(ProjectRegisteredEvent event, DomainEventMessage<?> message) {
        record(RecordedChanges.of(event, message));
    }

    /** Counted in the status-change metrics only when live: a replay repeats history, it does not make it. */
    @EventHandler
    void on(ProjectStatusChangedEvent event, DomainEventMessage<?> message, ReplayStatus replay) {
        writer.record(RecordedChanges.of(event, message), !replay.isReplay());
    }

    @EventHandler
    void on(ProjectOwnerAssignedEvent event, DomainEventMessage<?> message) {
        record(RecordedChanges.of(event, message));
    }

    @EventHandler
    void on(ProjectDetailsRevisedEvent event, DomainEventMessage<?> message) {
        record(RecordedChanges.of(event, message));
    }

    @EventHandler
    void on(StatusChangeCorrectedEvent event, DomainEventMessage<?> message) {
        record(RecordedChanges.of(event, message));
    }

    @EventHandler
    void on(StatusChangeRetractedEvent event, DomainEventMessage<?> message) {
        record(RecordedChanges.of(event, message));
    }

    @ResetHandler
    void reset() {
        views.deleteAll();
        heads.deleteAll();
        changes.deleteAll();
        writer.forgetAll();
    }

    private void record(RecordedChange change) {
        writer.record(change, false);
    }
}
