package fi.tiekartta.command.project;

import fi.tiekartta.command.axon.AggregateCacheConfiguration;
import fi.tiekartta.command.axon.CommandTargets;
import fi.tiekartta.events.ProjectDetailsRevisedEvent;
import fi.tiekartta.events.ProjectOwnerAssignedEvent;
import fi.tiekartta.events.ProjectRegisteredEvent;
import fi.tiekartta.events.ProjectStatusChangedEvent;
import fi.tiekartta.events.StatusChangeCorrectedEvent;
import fi.tiekartta.events.StatusChangeRetractedEvent;
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
 * A project on the roadmap. It decides whether a reported change may be recorded (docs/STATUS-RULES.md); its
 * state holds only what those decisions need. Everything people look at is built from its events by the
 * query-service.
 * <p>
 * The event store holds other streams beside projects' (reporting rounds); {@code filterEventsByType} makes an id of
 * another kind of stream an unknown project (404), instead of replaying that stream into a project.
 */
@Aggregate(type = Project.TYPE, cache = AggregateCacheConfiguration.PROJECT_CACHE, filterEventsByType = true,
           commandTargetResolver = CommandTargets.BEAN)
public class Project {

    /** The aggregate type in the event store's {@code type} column, as Axon has always written it for projects. */
    public static final String TYPE = "Project";

    @AggregateIdentifier
    private String projectId;
    private LocalDate registeredOn;
    private String owner;
    private ProjectDetails details;
    private final StatusChanges statusChanges = new StatusChanges();

    protected Project() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    public Project(RegisterProjectCommand command, Sectors sectors, Clock clock) {
        LocalDate today = LocalDate.now(clock);
        LocalDate effectiveDate = orToday(command.effectiveDate(), today);
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
        StatusReport report = new StatusReport(command.status(), orToday(command.effectiveDate(), today),
                                               command.progressPercent(), command.targetYear(), command.scheduledFor(),
                                               command.unit(), command.note());
        Violations violations = new Violations();
        ProjectRules.checkStatusReport(report, today, registeredOn, violations);
        ProjectStatus previous = report.effectiveDate().isBefore(registeredOn) ? ProjectStatus.NOT_STARTED
                : statusChanges.statusAt(report.unit(), report.effectiveDate());
        ProjectRules.checkReason(report, command.reason(), previous,
                                 statusChanges.sinceWhen(report.unit(), report.effectiveDate()), violations);
        violations.throwIfAny("The status change cannot be recorded.");
        apply(new ProjectStatusChangedEvent(projectId, command.changeId(), report.status(), previous,
                                            report.effectiveDate(), report.progressPercent(), report.targetYear(),
                                            report.scheduledFor(), report.unit(), report.note()),
              reasonOf(command.reason()));
        return accepted(command.changeId());
    }

    @CommandHandler
    public ChangeAccepted handle(CorrectStatusChangeCommand command, Clock clock,
                                 @MetaDataValue(AuditMetadata.ACTOR) String actor,
                                 @MetaDataValue(Permissions.ROLES) Collection<?> roles) {
        Permissions.requireOwnerOrCoordinator(projectId, owner, actor, roles);
        String corrected = command.correctedChangeId();
        ProjectRules.requireNotRetracted(corrected, statusChanges.isRetracted(corrected));
        Violations violations = new Violations();
        ProjectRules.requireReason(command.reason(), violations);
        StatusReport original = statusChanges.find(corrected).orElse(null);
        if (original == null) {
            violations.add("changeId", "names no status change of project " + projectId);
        } else if (command.retract() && command.correctsAnyField()) {
            violations.add("retract", "cannot be combined with corrected fields: retract the change, or correct it");
        } else if (!command.retract() && !command.correctsAnyField()) {
            violations.add("body", "must correct at least one field of the change, or retract it");
        } else if (!command.retract()) {
            StatusReport fixed = original.correctedBy(command);
            ProjectRules.checkStatusReport(fixed, LocalDate.now(clock), registeredOn, violations);
            violations.throwIfAny("The correction cannot be recorded.");
            apply(new StatusChangeCorrectedEvent(projectId, command.changeId(), corrected, fixed.status(),
                                                 fixed.effectiveDate(), fixed.progressPercent(), fixed.targetYear(),
                                                 fixed.scheduledFor(), fixed.unit(), fixed.note()),
                  reasonOf(command.reason()));
            return accepted(command.changeId());
        }
        violations.throwIfAny("The correction cannot be recorded.");
        apply(new StatusChangeRetractedEvent(projectId, command.changeId(), corrected), reasonOf(command.reason()));
        return accepted(command.changeId());
    }

    @CommandHandler
    public ChangeAccepted handle(AssignOwnerCommand command, Clock clock) {
        LocalDate today = LocalDate.now(clock);
        LocalDate effectiveDate = orToday(command.effectiveDate(), today);
        Violations violations = new Violations();
        ProjectRules.checkOwnerAssignment(command, effectiveDate, today, registeredOn, violations);
        violations.throwIfAny("The owner cannot be assigned.");
        apply(new ProjectOwnerAssignedEvent(projectId, command.changeId(), command.owner(), owner, effectiveDate),
              reasonOf(command.reason()));
        return accepted(command.changeId());
    }

    @CommandHandler
    public ChangeAccepted handle(ReviseDetailsCommand command, Clock clock,
                                 @MetaDataValue(AuditMetadata.ACTOR) String actor,
                                 @MetaDataValue(Permissions.ROLES) Collection<?> roles) {
        Permissions.requireOwnerOrCoordinator(projectId, owner, actor, roles);
        LocalDate today = LocalDate.now(clock);
        LocalDate effectiveDate = orToday(command.effectiveDate(), today);
        ProjectDetails revised = details.revisedBy(command);
        Violations violations = new Violations();
        ProjectRules.checkDetailsRevision(command, revised, effectiveDate, today, registeredOn, violations);
        violations.throwIfAny("The details cannot be revised.");
        apply(new ProjectDetailsRevisedEvent(projectId, command.changeId(), revised.title(), revised.description(),
                                             revised.plannedStartYear(), revised.plannedEndYear(), effectiveDate),
              reasonOf(command.reason()));
        return accepted(command.changeId());
    }

    @EventSourcingHandler
    void on(ProjectRegisteredEvent event) {
        projectId = event.projectId();
        registeredOn = event.effectiveDate();
        owner = event.owner();
        details = new ProjectDetails(event.title(), event.description(), event.plannedStartYear(), event.plannedEndYear());
    }

    @EventSourcingHandler
    void on(ProjectStatusChangedEvent event) {
        statusChanges.record(event.changeId(), new StatusReport(event.status(), event.effectiveDate(),
                                                                event.progressPercent(), event.targetYear(),
                                                                event.scheduledFor(), event.unit(), event.note()));
    }

    @EventSourcingHandler
    void on(StatusChangeCorrectedEvent event) {
        statusChanges.correct(event.correctedChangeId(), new StatusReport(event.status(), event.effectiveDate(),
                                                                          event.progressPercent(), event.targetYear(),
                                                                          event.scheduledFor(), event.unit(), event.note()));
    }

    @EventSourcingHandler
    void on(StatusChangeRetractedEvent event) {
        statusChanges.retract(event.retractedChangeId());
    }

    @EventSourcingHandler
    void on(ProjectOwnerAssignedEvent event) {
        owner = event.owner();
    }

    @EventSourcingHandler
    void on(ProjectDetailsRevisedEvent event) {
        details = new ProjectDetails(event.title(), event.description(), event.plannedStartYear(), event.plannedEndYear());
    }

    private ChangeAccepted accepted(String changeId) {
        return new ChangeAccepted(projectId, changeId, AggregateLifecycle.getVersion());
    }

    private static LocalDate orToday(LocalDate date, LocalDate today) {
        return date == null ? today : date;
    }

    private static MetaData reasonOf(String reason) {
        return reason == null ? MetaData.emptyInstance() : MetaData.with(AuditMetadata.REASON, reason);
    }
}
