package fi.tiekartta.command.importing;

import fi.tiekartta.command.CommandServiceTestBase;
import fi.tiekartta.command.dispatch.CommandSender;
import fi.tiekartta.command.project.ChangeProjectStatusCommand;
import fi.tiekartta.command.project.InvalidCommandException;
import fi.tiekartta.command.project.RegisterProjectCommand;
import fi.tiekartta.support.eventstore.EventStoreTables;
import fi.tiekartta.vocabulary.ProjectStatus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@link RoadmapImport} relies on in Axon 4 with the JDBC event store, pinned down against the real
 * PostgreSQL rather than assumed: commands sent inside one root unit of work run in nested units of work; a
 * refused one is rolled back alone; nothing is stored before the root commits; and the root's commit or
 * rollback decides for all of them.
 */
class NestedUnitOfWorkTest extends CommandServiceTestBase {

    private static final LocalDate EFFECTIVE = LocalDate.of(2024, 3, 31);

    @Autowired
    private CommandSender commands;

    @Autowired
    private TransactionManager transactions;

    private UnitOfWork<?> root;

    @BeforeEach
    void actAsACoordinator() {
        SecurityContextHolder.getContext().setAuthentication(
                new TestingAuthenticationToken("uow.tester", null, "ROLE_COORDINATOR"));
    }

    @AfterEach
    void leaveNothingBehind() {
        if (root != null && root.isActive()) {
            root.rollback();
        }
        SecurityContextHolder.clearContext();
        assertThat(CurrentUnitOfWork.isStarted()).isFalse();
    }

    @Test
    void aRefusedCommand_isRolledBackAlone_andTheRootGoesOnAndCommitsTheOthers() {
        String kept = uniqueProjectId();
        String refused = uniqueProjectId();
        startRoot();

        commands.send(registration(kept, "TEKNIIKKA"));
        assertThatThrownBy(() -> commands.send(registration(refused, "PUOLUSTUS")))
                .isInstanceOf(InvalidCommandException.class);

        assertThat(CurrentUnitOfWork.get()).isSameAs(root);
        assertThat(root.phase()).isEqualTo(UnitOfWork.Phase.STARTED);
        assertThat(root.isRolledBack()).isFalse();
        commands.send(statusChange(kept, ProjectStatus.IN_PROGRESS));
        root.commit();

        assertThat(eventCount(kept)).isEqualTo(2);
        assertThat(eventCount(refused)).isZero();
    }

    @Test
    void acceptedCommands_storeNothing_untilTheRootCommits() throws SQLException {
        String id = uniqueProjectId();
        startRoot();

        commands.send(registration(id, "TEKNIIKKA"));
        commands.send(statusChange(id, ProjectStatus.DONE));

        // Not even in the root's own transaction: the events wait in the root's queue, in memory.
        assertThat(eventCount(id)).as("seen from the root's transaction").isZero();
        assertThat(countFromAnotherConnection(id)).as("seen from another connection").isZero();
        root.commit();
        assertThat(countFromAnotherConnection(id)).isEqualTo(2);
    }

    @Test
    void aLaterCommandOfTheRoot_findsTheAggregateAnEarlierOneCreated_withoutTheStore() {
        String id = uniqueProjectId();
        startRoot();

        commands.send(registration(id, "TEKNIIKKA"));
        commands.send(statusChange(id, ProjectStatus.PLANNED));
        commands.send(statusChange(id, ProjectStatus.IN_PROGRESS));
        root.commit();

        assertThat(storedEvent(id, 1, "payload::jsonb ->> 'status'")).isEqualTo("PLANNED");
        assertThat(storedEvent(id, 2, "payload::jsonb ->> 'previousStatus'")).isEqualTo("PLANNED");
    }

    @Test
    void rollingBackTheRoot_discardsEverythingNestedCommandsHadAccepted() {
        String id = uniqueProjectId();
        startRoot();

        commands.send(registration(id, "TEKNIIKKA"));
        commands.send(statusChange(id, ProjectStatus.DONE));
        root.rollback();

        assertThat(eventCount(id)).isZero();
        assertThat(CurrentUnitOfWork.isStarted()).isFalse();
        commands.send(registration(id, "TEKNIIKKA")); // the id is free: nothing of the rolled-back root remains
        assertThat(eventCount(id)).isEqualTo(1);
    }

    @Test
    void aClashAtCommit_rollsBackTheWholeBatch_andAxonNamesOnlyTheBatchsFirstEvent() {
        String taken = uniqueProjectId();
        commands.send(registration(taken, "TEKNIIKKA"));
        String fresh = uniqueProjectId();
        startRoot();

        commands.send(registration(fresh, "TEKNIIKKA"));
        commands.send(registration(taken, "ELINVOIMA")); // accepted: a creation does not look into the store

        assertThatThrownBy(root::commit)
                .isInstanceOf(AggregateStreamCreationException.class)
                .hasMessageContaining("[" + fresh + "]"); // not the id that clashed: hence RegisteredProjectIds
        assertThat(eventCount(fresh)).isZero();
        assertThat(eventCount(taken)).isEqualTo(1);
        assertThat(storedEvent(taken, 0, "payload::jsonb ->> 'sector'")).isEqualTo("TEKNIIKKA");
        assertThat(CurrentUnitOfWork.isStarted()).isFalse();
    }

    private void startRoot() {
        root = DefaultUnitOfWork.startAndGet(GenericMessage.asMessage("test root"));
        root.attachTransaction(transactions);
    }

    private static RegisterProjectCommand registration(String id, String sector) {
        return new RegisterProjectCommand(id, UUID.randomUUID().toString(), sector, "Sisäkkäisyyskoe", null,
                                          null, null, null, EFFECTIVE, true);
    }

    private static ChangeProjectStatusCommand statusChange(String id, ProjectStatus status) {
        return new ChangeProjectStatusCommand(id, null, UUID.randomUUID().toString(), status, EFFECTIVE,
                                              null, null, null, null, null, null);
    }

    private static long countFromAnotherConnection(String id) throws SQLException {
        try (Connection connection = DATABASE.connect();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM " + EventStoreTables.DOMAIN_EVENTS + " WHERE aggregate_identifier = ?")) {
            query.setString(1, id);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
