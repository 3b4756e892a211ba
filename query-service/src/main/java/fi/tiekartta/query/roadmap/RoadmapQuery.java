package fi.tiekartta.query.roadmap;

import fi.tiekartta.query.projects.ProjectViewTable;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Every project view on the roadmap on one day as known at one instant ({@link ProjectViewTable#visibleAt}). */
@Repository
public class RoadmapQuery {

    private final ProjectViewTable views;

    public RoadmapQuery(ProjectViewTable views) {
        this.views = views;
    }

    /** In no particular order. */
    public List<ProjectViewTable.Found> visibleAt(LocalDate asOf, Instant knownAt) {
        return views.visibleAt(asOf, knownAt);
    }
}
