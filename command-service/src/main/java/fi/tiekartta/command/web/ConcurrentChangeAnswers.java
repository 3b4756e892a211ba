package fi.tiekartta.command.web;

import fi.tiekartta.support.openapi.OpenApiConfiguration;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * 409 "Concurrent change" ({@link CommandProblemAdvice#concurrentChange}) in the description of every command on a
 * project or reporting round that exists already: those whose path names it. Such a command appends to the
 * stream's next position, and when another instance appends there at the same moment the group commit records
 * the one and refuses the other whole. Derived here, as the problem answers both services share are, so that no
 * controller lists it; where an operation lists 409 for a reason of its own, that description gains this one.
 * Registering a project, opening a round and importing start new streams instead: a registration's or an import's
 * race is its own 409 ("Project exists"), and a round's id is a fresh UUID.
 */
@Component
class ConcurrentChangeAnswers implements OperationCustomizer, Ordered {

    private static final String CONFLICT = "409";
    /** The path variables that name an existing stream, and what that stream is of. */
    private static final Map<String, String> STREAMS = Map.of("projectId", "project", "roundId", "reporting round");

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        ApiResponses responses = operation.getResponses();
        Optional<String> stream = Optional.ofNullable(operation.getParameters()).orElse(List.of()).stream()
                                          .filter(p -> "path".equals(p.getIn()))
                                          .map(Parameter::getName)
                                          .map(STREAMS::get)
                                          .filter(Objects::nonNull)
                                          .findFirst();
        if (responses == null || stream.isEmpty()) {
            return operation;
        }
        String why = "another change to this " + stream.get() + " was recorded at the same moment (through another "
                     + "instance); nothing was recorded, retry";
        ApiResponse own = responses.get(CONFLICT);
        String ownReason = own == null || own.getDescription() == null ? "" : own.getDescription();
        if (ownReason.isBlank()) {
            responses.addApiResponse(CONFLICT, OpenApiConfiguration.problem(Character.toUpperCase(why.charAt(0))
                                                                            + why.substring(1)));
        } else if (!ownReason.contains(why)) {
            own.setDescription(ownReason + ", or " + why);
        }
        return operation;
    }

    /** Before the shared problem answers, which give every answer its content and put the codes in order. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
