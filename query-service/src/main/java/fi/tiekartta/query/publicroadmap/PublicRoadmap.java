package fi.tiekartta.query.publicroadmap;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code GET /public/api/roadmap}: the shape of {@code GET /api/roadmap} with public projects, the
 * licence and the publisher, and without {@code knownAt} (the public sees what is known now, and nothing else).
 */
public record PublicRoadmap(LocalDate asOf, String license, String publisher, Map<String, Integer> countsByStatus,
                            List<Sector> sectors) {

    /** One sector of the roadmap; listed even when it has no project. */
    public record Sector(String sector, String label, Map<String, Integer> countsByStatus, List<PublicProject> projects) {
    }
}
