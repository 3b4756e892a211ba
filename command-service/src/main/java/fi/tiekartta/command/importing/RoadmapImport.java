package fi.tiekartta.command.importing;

import fi.tiekartta.command.dispatch.CommandSender;
import fi.tiekartta.command.project.ChangeProjectStatusCommand;
import fi.tiekartta.command.project.InvalidCommandException;
import fi.tiekartta.command.project.RuleOfStateException;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Sends the commands of a whole import so that all of their events are stored, or none.
 *
 * <p>How: the commands are sent inside one root unit of work with a Spring transaction attached. The local
 * command bus handles each command on this thread in a unit of work nested in the root (Axon's
 * {@code SimpleCommandBus}, the default without Axon Server). A nested unit of work that succeeds hands its
 * events to the root's queue; one that fails is rolled back alone, its events dropped, and the root goes on.
 * The events reach the event store only when the root commits: in one batch, inside the root's transaction.
 * Aggregates created earlier in the root are found again by later commands of the root without the store.
 *
 * <p>So every row is tried, every refusal is collected, and then the root either commits (no problem at all)
 * or rolls back (anything wrong), leaving the store as it was. Under an Idempotency-Key the "root" is itself
 * nested in the unit of work of {@code IdempotentExecution}, which commits the events together with the
 * stored answer, and only when this import succeeded. {@code NestedUnitOfWorkTest} pins this
 * behaviour of Axon down; {@code RoadmapImportApiTest} shows that a failure on the last row leaves nothing.
 */
@Component
class RoadmapImport {

    private final CommandSender commands;
    private final TransactionManager transactions;

    RoadmapImport(CommandSender commands, TransactionManager transactions) {
        this.commands = commands;
        this.transactions = transactions;
    }

    /**
     * @param foundBefore problems found before sending anything; the commands are still sent, to find the rest
     * @throws ImportRejectedException when anything is wrong; then nothing was stored
     */
    void storeAllOrNothing(List<ProjectImport> projects, List<ImportProblem> foundBefore) {
        UnitOfWork<?> root = DefaultUnitOfWork.startAndGet(GenericMessage.asMessage("roadmap import"));
        try {
            root.attachTransaction(transactions);
            List<ImportProblem> problems = new ArrayList<>(foundBefore);
            for (ProjectImport project : projects) {
                problems.addAll(send(project));
            }
            if (problems.isEmpty()) {
                root.commit();
            } else {
                root.rollback();
                throw ImportRejectedException.of(problems);
            }
        } catch (RuntimeException | Error e) {
            if (root.phase() == UnitOfWork.Phase.STARTED) {
                root.rollback(e);
            }
            throw e;
        }
    }

    /** The refusals of one row's commands; its status changes are tried only if it could be registered. */
    private List<ImportProblem> send(ProjectImport project) {
        try {
            commands.send(project.registration());
        } catch (IllegalArgumentException | RuleOfStateException refused) {
            return problemsOf(project, refused, null);
        }
        List<ImportProblem> problems = new ArrayList<>();
        for (ChangeProjectStatusCommand change : project.statusChanges()) {
            try {
                commands.send(change);
            } catch (IllegalArgumentException | RuleOfStateException refused) {
                problems.addAll(problemsOf(project, refused, change));
            }
        }
        return problems;
    }

    /** InvalidCommandException names command fields; they are told as the columns of the file. */
    private static List<ImportProblem> problemsOf(ProjectImport project, RuntimeException refused,
                                                  ChangeProjectStatusCommand change) {
        String unit = change == null || change.unit() == null ? "" : "unit " + change.unit() + ": ";
        if (refused instanceof InvalidCommandException invalid) {
            return invalid.violations().stream().map(v -> change == null
                    ? ImportProblem.invalid(project.line(), project.projectId(), RoadmapCsv.columnOf(v.field()), v.message())
                    : ImportProblem.invalid(project.line(), project.projectId(), RoadmapCsv.STATUS_TEXT,
                                            unit + v.field() + " " + v.message()))
                    .toList();
        }
        String column = change == null ? "row" : RoadmapCsv.STATUS_TEXT;
        return List.of(ImportProblem.invalid(project.line(), project.projectId(), column, unit + refused.getMessage()));
    }
}
