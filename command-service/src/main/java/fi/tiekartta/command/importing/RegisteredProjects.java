package fi.tiekartta.command.importing;

import fi.tiekartta.support.eventstore.EventStoreTables;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import fi.tiekartta.command.project.ProjectRules;

import java.util.Collection;
import java.util.List;
import java.util.HashSet;
import java.util.Set;

/**
 * Which of some project ids are already on the roadmap. An import appends all its events in one batch when it
 * commits, and the storage engine then names only the batch's first event in the conflict it reports; asking
 * beforehand lets the refusal name the very rows that clash.
 */
@Component
class RegisteredProjects {

    private final JdbcTemplate jdbc;

    RegisteredProjects(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Set<String> amongst(Collection<String> candidates) {
        // An id that cannot be a project's is refused with its row anyway, and may hold what the database
        // cannot even compare (a NUL character).
        List<String> projectIds = candidates.stream().filter(ProjectRules::isWellFormedProjectId).toList();
        if (projectIds.isEmpty()) {
            return Set.of();
        }
        String sql = "SELECT aggregate_identifier FROM " + EventStoreTables.DOMAIN_EVENTS
                     + " WHERE sequence_number = 0 AND aggregate_identifier = ANY (?)";
        return new HashSet<>(jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            statement.setArray(1, connection.createArrayOf("varchar", projectIds.toArray()));
            return statement;
        }, (row, n) -> row.getString(1)));
    }
}
