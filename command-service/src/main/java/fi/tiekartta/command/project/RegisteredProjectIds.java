package fi.tiekartta.command.project;

import fi.tiekartta.support.eventstore.EventStoreTables;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ids of the projects on the roadmap, read from the event store: a project is there once its first event
 * (sequence 0, the registration) is. Only for choosing and naming ids; the store's unique key decides. Other
 * streams (reporting rounds) also begin at sequence 0, hence the aggregate type.
 */
@Component
public class RegisteredProjectIds {

    private static final String REGISTERED = "SELECT aggregate_identifier FROM " + EventStoreTables.DOMAIN_EVENTS
                                             + " WHERE sequence_number = 0 AND type = '" + Project.TYPE + "' AND ";

    private final JdbcTemplate jdbc;

    RegisteredProjectIds(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Which of {@code candidates} are on the roadmap. */
    public Set<String> amongst(Collection<String> candidates) {
        // An id that cannot be a project's is refused anyway, and may hold what the database cannot even compare
        // (a NUL character).
        List<String> projectIds = candidates.stream().filter(ProjectRules::isWellFormedProjectId).toList();
        if (projectIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.query(REGISTERED + "aggregate_identifier = ANY (?)",
                                        ps -> ps.setArray(1, ps.getConnection().createArrayOf("varchar", projectIds.toArray())),
                                        (row, n) -> row.getString(1)));
    }

    /** The ids on the roadmap that start with {@code prefix}. */
    List<String> startingWith(String prefix) {
        return jdbc.queryForList(REGISTERED + "aggregate_identifier LIKE ?", String.class, prefix + "%");
    }
}
