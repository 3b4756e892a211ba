package fi.tiekartta.command.project;

import fi.tiekartta.events.ProjectRegisteredEvent;
import fi.tiekartta.events.ProjectStatusChangedEvent;
import fi.tiekartta.vocabulary.AuditMetadata;
import fi.tiekartta.vocabulary.ProjectStatus;
import fi.tiekartta.vocabulary.Sectors;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A project on the roadmap. It decides whether a reported change may be recorded; its state holds only what
 * those decisions need. Everything people look at is built from its events by the query-service.
 */
@Aggregate
public class Project {

    @AggregateIdentifier
    private String projectId;
    private LocalDate registeredOn;
    private String owner;
    private final StatusTimeline statuses = new StatusTimeline();

    protected Project() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    public Project(RegisterProjectCommand command, Sectors sectors, Clock clock) {
        LocalDate today = LocalDate.now(clock);
        LocalDate effectiveDate = command.effectiveDate() == null ? today : command.effectiveDate();
        Violations violations = new Violations();
        ProjectRules.checkRegistration(command, effectiveDate, today, sectors, violations);
        violations.throwIfAny("The project cannot be registered.");
        apply(new ProjectRegisteredEvent(command.projectId(), command.changeId(), command.sector(), command.title(),
                                         command.owner(), command.plannedStartYear(), command.plannedEndYear(),
                                         command.description(), effectiveDate));
    }

    @CommandHandler
    public ChangeAccepted handle(ChangeProjectStatusCommand command, Clock clock,
                                 @MetaDataValue(AuditMetadata.ACTOR) String actor,
                                 @MetaDataValue(Permissions.ROLES) Collection<?> roles) {
        Permissions.requireOwnerOrCoordinator(projectId, owner, actor, roles);
        LocalDate today = LocalDate.now(clock);
        LocalDate effectiveDate = command.effectiveDate() == null ? today : command.effectiveDate();
        Violations violations = new Violations();
        ProjectRules.checkStatusChange(command, effectiveDate, today, registeredOn, violations);
        violations.throwIfAny("The status change cannot be recorded.");
        ProjectStatus previous = statuses.statusAt(command.unit(), effectiveDate);
        apply(new ProjectStatusChangedEvent(projectId, command.changeId(), command.status(), previous, effectiveDate,
                                            command.progressPercent(), command.targetYear(), command.scheduledFor(),
                                            command.unit(), command.note()),
              reasonOf(command.reason()));
        return new ChangeAccepted(projectId, command.changeId(), AggregateLifecycle.getVersion());
    }

    @EventSourcingHandler
    void on(ProjectRegisteredEvent event) {
        projectId = event.projectId();
        registeredOn = event.effectiveDate();
        owner = event.owner();
    }

    @EventSourcingHandler
    void on(ProjectStatusChangedEvent event) {
        statuses.record(event.unit(), event.effectiveDate(), event.status());
    }

    private static MetaData reasonOf(String reason) {
        return reason == null ? MetaData.emptyInstance() : MetaData.with(AuditMetadata.REASON, reason);
    }
}
