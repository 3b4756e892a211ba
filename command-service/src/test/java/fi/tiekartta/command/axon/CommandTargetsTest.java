package fi.tiekartta.command.axon;

import fi.tiekartta.command.project.AssignOwnerCommand;
import fi.tiekartta.command.project.ChangeProjectStatusCommand;
import fi.tiekartta.command.project.CorrectStatusChangeCommand;
import fi.tiekartta.command.project.RegisterProjectCommand;
import fi.tiekartta.command.project.ReviseDetailsCommand;
import fi.tiekartta.command.round.CloseRoundCommand;
import fi.tiekartta.command.round.OpenRoundCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.RecordComponent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every command of this service is resolved to the same target and version as Axon's own resolver finds. */
class CommandTargetsTest {

    private final CommandTargetResolver ours = new CommandTargets();
    private final CommandTargetResolver axons = AnnotationCommandTargetResolver.builder().build();

    @ParameterizedTest
    @ValueSource(classes = {RegisterProjectCommand.class, ChangeProjectStatusCommand.class, CorrectStatusChangeCommand.class,
                            ReviseDetailsCommand.class, AssignOwnerCommand.class, OpenRoundCommand.class, CloseRoundCommand.class})
    void findsTheTargetAndVersionAxonFinds_everyTimeTheCommandIsSent(Class<? extends Record> type) throws Exception {
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage(instance(type, "TE-10", 7L));

        VersionedAggregateIdentifier expected = axons.resolveTarget(command);

        assertThat(expected.getIdentifier()).isEqualTo("TE-10");
        for (int time = 0; time < 3; time++) {
            VersionedAggregateIdentifier found = ours.resolveTarget(command);
            assertThat(found.getIdentifierValue()).isEqualTo(expected.getIdentifierValue());
            assertThat(found.getVersion()).isEqualTo(expected.getVersion());
        }
    }

    @ParameterizedTest
    @ValueSource(classes = {ChangeProjectStatusCommand.class, CloseRoundCommand.class})
    void aCommandWithoutTarget_isRefusedWithAxonsMessage(Class<? extends Record> type) throws Exception {
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage(instance(type, null, null));

        String axonsMessage = catchMessage(() -> axons.resolveTarget(command));

        assertThatThrownBy(() -> ours.resolveTarget(command)).isInstanceOf(IllegalArgumentException.class)
                                                            .hasMessage(axonsMessage);
    }

    /** A command whose String components are {@code id}, whose Long components are {@code version}, the rest null. */
    private static Object instance(Class<? extends Record> type, String id, Long version) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = types[i] == String.class ? id : types[i] == Long.class ? version
                    : types[i] == int.class ? 0 : types[i] == long.class ? 0L : types[i] == boolean.class ? false : null;
        }
        return type.getDeclaredConstructor(types).newInstance(values);
    }

    private static String catchMessage(Runnable action) {
        try {
            action.run();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("Axon's resolver accepted a command without target");
    }
}
