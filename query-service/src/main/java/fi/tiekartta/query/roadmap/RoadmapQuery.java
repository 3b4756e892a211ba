package fi.tiekartta.query.roadmap;

import fi.tiekartta.query.projects.ProjectViewTable;
import fi.tiekartta.query.projects.StoredView;
import fi.tiekartta.vocabulary.Sectors;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The whole roadmap on a day as known at an instant: the one home of that query shape, answered by
 * {@code GET /api/roadmap} and printed as a reporting round's report.
 */
@Component
public class RoadmapQuery {

    private final ProjectViewTable views;
    private final Sectors sectors;

    public RoadmapQuery(ProjectViewTable views, Sectors sectors) {
        this.views = views;
        this.sectors = sectors;
    }

    /** @param knownAt already normalised ({@link KnownAt}) */
    public Roadmap at(LocalDate asOf, Instant knownAt) {
        List<StoredView> projects = views.storedViewsAt(asOf, knownAt);
        // Grouped first, then each sector sorted: the same order, in fewer comparisons than sorting the whole.
        List<Roadmap.SectorRoadmap> bySector = SectorGroups.group(sectors, projects, StoredView::sector).entrySet().stream()
                .map(group -> new Roadmap.SectorRoadmap(group.getKey().code(), group.getKey().label(),
                                                        StatusCounts.of(group.getValue().stream().map(StoredView::status).toList()),
                                                        ProjectIdOrder.sorted(group.getValue(), StoredView::projectId)))
                .toList();
        return new Roadmap(asOf, knownAt, StatusCounts.of(projects.stream().map(StoredView::status).toList()), bySector);
    }
}
