package fi.tiekartta.query.roadmap;

import fi.tiekartta.vocabulary.ProjectStatus;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code countsByStatus} of the roadmap and the year-end report: in the order of the status vocabulary
 * ({@link ProjectStatus} as declared), statuses that no project has left out. Keys are the status codes.
 */
public final class StatusCounts {

    private StatusCounts() {
    }

    public static Map<String, Integer> of(Collection<ProjectStatus> statuses) {
        EnumMap<ProjectStatus, Integer> counts = new EnumMap<>(ProjectStatus.class);
        statuses.forEach(status -> counts.merge(status, 1, Integer::sum));
        Map<String, Integer> ordered = new LinkedHashMap<>();
        counts.forEach((status, count) -> ordered.put(status.name(), count)); // EnumMap iterates in declared order
        return Collections.unmodifiableMap(ordered);
    }
}
