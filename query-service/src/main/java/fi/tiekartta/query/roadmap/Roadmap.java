package fi.tiekartta.query.roadmap;

import fi.tiekartta.query.projects.ProjectView;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code GET /api/roadmap} (docs/API.md): every sector in the configured order,
 * its projects by id, and the counts by status of the whole roadmap and of each sector.
 */
public record Roadmap(LocalDate asOf, Instant knownAt, Map<String, Integer> countsByStatus, List<SectorRoadmap> sectors) {

    /** One sector of the roadmap; listed even when it has no project. */
    public record SectorRoadmap(String sector, String label, Map<String, Integer> countsByStatus,
                                List<ProjectView> projects) {
    }
}
