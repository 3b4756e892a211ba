package fi.tiekartta.query.roadmap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fi.tiekartta.query.projects.ProjectView;
import fi.tiekartta.query.projects.ReadModelVersion;
import fi.tiekartta.vocabulary.ProjectStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@link RoadmapQuery}'s answers, kept while they cannot change: for the same day and the same
 * {@link ReadModelVersion} (so "as known now" is reused until the projection moves), read in the answer's own
 * repeatable-read snapshot.
 *
 * <p>The 2 s of a roadmap at 10,000 projects were the query and the decoding of 10,000 project states and their
 * sorting; with this, asking again costs two one-row reads (docs/PERFORMANCE.md). Bounded by an estimate of bytes.
 */
@Component
public class RoadmapAnswers {

    /** Rough heap of one project of an answer, beside its texts. */
    private static final int BYTES_PER_PROJECT = 600;

    /** @param sector null: every sector; @param status null: every status */
    private record Key(LocalDate asOf, ReadModelVersion.Version version, String sector, ProjectStatus status) {
    }

    private final RoadmapQuery query;
    private final ReadModelVersion versions;
    private final Cache<Key, Roadmap> answers;

    public RoadmapAnswers(RoadmapQuery query, ReadModelVersion versions,
                          @Value("${tiekartta.roadmap.cache-bytes:32MB}") DataSize cacheBytes) {
        this.query = query;
        this.versions = versions;
        this.answers = Caffeine.newBuilder()
                               .maximumWeight(cacheBytes.toBytes())
                               .weigher((Key key, Roadmap answer) -> weight(answer))
                               .build();
    }

    /** The same answer as {@link RoadmapQuery#at}. @param knownAt already normalised ({@link KnownAt}) */
    public Roadmap at(LocalDate asOf, Instant knownAt) {
        return at(asOf, knownAt, null, null);
    }

    /**
     * The roadmap narrowed to one sector (the others left out) and one status (the projects of other statuses left
     * out), each when not null; the counts are those of what is listed. Narrowed from the whole answer, kept too.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Roadmap at(LocalDate asOf, Instant knownAt, String sector, ProjectStatus status) {
        ReadModelVersion.Version version = versions.asKnownAt(knownAt);
        // Never one cache computation inside another (Caffeine forbids it): the whole answer first, then the narrowed.
        Roadmap whole = answers.get(new Key(asOf, version, null, null), key -> query.at(asOf, knownAt));
        Roadmap answer = sector == null && status == null ? whole
                : answers.get(new Key(asOf, version, sector, status), key -> narrowed(whole, sector, status));
        return answer.knownAt().equals(knownAt) ? answer
                : new Roadmap(answer.asOf(), knownAt, answer.countsByStatus(), answer.sectors());
    }

    private static Roadmap narrowed(Roadmap whole, String sector, ProjectStatus status) {
        List<Roadmap.SectorRoadmap> sectors = whole.sectors().stream()
                .filter(s -> sector == null || s.sector().equals(sector))
                .map(s -> {
                    List<ProjectView> projects = s.projects().stream().filter(p -> status == null || p.status() == status).toList();
                    return new Roadmap.SectorRoadmap(s.sector(), s.label(), StatusCounts.of(projects.stream().map(ProjectView::status).toList()), projects);
                })
                .toList();
        return new Roadmap(whole.asOf(), whole.knownAt(),
                           StatusCounts.of(sectors.stream().flatMap(s -> s.projects().stream()).map(ProjectView::status).toList()), sectors);
    }

    private static int weight(Roadmap answer) {
        long bytes = 1024;
        for (Roadmap.SectorRoadmap sector : answer.sectors()) {
            for (ProjectView project : sector.projects()) {
                bytes += BYTES_PER_PROJECT + 2L * (length(project.title()) + length(project.description()) + length(project.note())
                                                   + 40L * project.units().size());
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }
}
