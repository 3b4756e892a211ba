package fi.tiekartta.query.roadmap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fi.tiekartta.query.projects.InvalidQueryException;
import fi.tiekartta.query.projects.ListCursor;
import fi.tiekartta.query.projects.ReadModelVersion;
import fi.tiekartta.query.projects.StoredView;
import fi.tiekartta.support.web.FieldViolation;
import fi.tiekartta.vocabulary.ProjectStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@link RoadmapQuery}'s answers, kept while they cannot change: for the same day and the same
 * {@link ReadModelVersion} (so "as known now" is reused until the projection moves), read in the answer's own
 * repeatable-read snapshot.
 *
 * <p>The 2 s of a roadmap at 10,000 projects were the query and the decoding of 10,000 project states and their
 * sorting; with this, asking again costs two one-row reads (docs/PERFORMANCE.md). Bounded by an estimate of bytes.
 *
 * <p>An answer is kept from its second ask. Most are asked once: a day chosen once, or "as known now" while events
 * keep moving the projection on. Kept at once, each such answer (megabytes of objects at 10,000 projects) lived on
 * in the cache until pushed out, long enough for the garbage collector to copy it into the old generation: at four
 * connections of answers for random days, collection took 11–18 ms of an answer's CPU.
 */
@Component
public class RoadmapAnswers {

    /** Rough heap of one project of an answer, beside its stored JSON. */
    private static final int BYTES_PER_PROJECT = 200;

    /**
     * @param sector  null: every sector; @param status null: every status
     * @param afterId a page's: the project it starts after, null for the first; @param limit a page's length, 0 for
     *                an answer that is not a page
     */
    private record Key(LocalDate asOf, ReadModelVersion.Version version, String sector, ProjectStatus status,
                       String afterId, int limit) {

        static Key of(LocalDate asOf, ReadModelVersion.Version version, String sector, ProjectStatus status) {
            return new Key(asOf, version, sector, status, null, 0);
        }
    }

    /** @param lastOfPage a page's last project when more follow, else null */
    private record Kept(Roadmap answer, String lastOfPage) {
    }

    private final RoadmapQuery query;
    private final ReadModelVersion versions;
    private final Cache<Key, Kept> answers;
    /** The keys asked for once and not kept yet. */
    private final Cache<Key, Boolean> askedOnce = Caffeine.newBuilder().maximumSize(10_000).build();

    public RoadmapAnswers(RoadmapQuery query, ReadModelVersion versions,
                          @Value("${tiekartta.roadmap.cache-bytes:32MB}") DataSize cacheBytes) {
        this.query = query;
        this.versions = versions;
        this.answers = Caffeine.newBuilder()
                               .maximumWeight(cacheBytes.toBytes())
                               // A page shares its projects with the whole answer; weighing them again overestimates.
                               .weigher((Key key, Kept kept) -> weight(kept.answer()))
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
        return withKnownAt(kept(asOf, knownAt, versions.asKnownAt(knownAt), sector, status).answer(), knownAt, null);
    }

    /**
     * One page of {@link #at(LocalDate, Instant, String, ProjectStatus)}: its sectors with their counts, each with
     * only its projects among the {@code limit} after the cursor's, in the roadmap's order (sector, then project
     * id). Cut from the kept answer and kept too, so that the pages everyone asks for cost neither a query nor
     * writing their JSON anew ({@link RoadmapJson} keeps the bytes of a kept page's sectors).
     *
     * @param cursor the {@code nextCursor} of the page before, null for the first page
     * @throws fi.tiekartta.query.projects.InvalidQueryException (400 naming {@code cursor}) for a cursor of another
     *                                                           asOf, knownAt or filter, or none this service gave
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Roadmap page(LocalDate asOf, Instant knownAt, String sector, ProjectStatus status, String cursor, int limit) {
        String scope = "roadmap asOf=" + asOf + " knownAt=" + knownAt + " sector=" + sector + " status=" + status;
        String afterId = cursor == null ? null : ListCursor.projectIdOf(cursor, scope);
        ReadModelVersion.Version version = versions.asKnownAt(knownAt);
        Roadmap answer = kept(asOf, knownAt, version, sector, status).answer();
        Kept page = keptFromSecondAsk(new Key(asOf, version, sector, status, afterId, limit), key -> cut(answer, afterId, limit));
        return withKnownAt(page.answer(), knownAt,
                           page.lastOfPage() == null ? null : ListCursor.after(page.lastOfPage(), scope));
    }

    private Kept kept(LocalDate asOf, Instant knownAt, ReadModelVersion.Version version, String sector, ProjectStatus status) {
        // Never one cache computation inside another (Caffeine forbids it): the whole answer first, then the narrowed.
        Kept whole = keptFromSecondAsk(Key.of(asOf, version, null, null), key -> new Kept(query.at(asOf, knownAt), null));
        return sector == null && status == null ? whole
                : keptFromSecondAsk(Key.of(asOf, version, sector, status), key -> new Kept(narrowed(whole.answer(), sector, status), null));
    }

    /** The kept answer; else, asked before, the answer kept now; else the answer, only noted as asked. */
    private Kept keptFromSecondAsk(Key key, Function<Key, Kept> answer) {
        Kept kept = answers.getIfPresent(key);
        if (kept != null) {
            return kept;
        }
        if (askedOnce.asMap().remove(key) != null) {
            return answers.get(key, answer);
        }
        askedOnce.put(key, Boolean.TRUE);
        return answer.apply(key);
    }

    /** The answer as asked at knownAt: kept answers are shared by every instant of the same read model version. */
    private static Roadmap withKnownAt(Roadmap answer, Instant knownAt, String nextCursor) {
        return answer.knownAt().equals(knownAt) && nextCursor == null ? answer
                : new Roadmap(answer.asOf(), knownAt, answer.countsByStatus(), answer.sectors(), nextCursor);
    }

    private static Roadmap narrowed(Roadmap whole, String sector, ProjectStatus status) {
        List<Roadmap.SectorRoadmap> sectors = whole.sectors().stream()
                .filter(s -> sector == null || s.sector().equals(sector))
                .map(s -> {
                    List<StoredView> projects = s.projects().stream().filter(p -> status == null || p.status() == status).toList();
                    return new Roadmap.SectorRoadmap(s.sector(), s.label(), StatusCounts.of(projects.stream().map(StoredView::status).toList()), projects);
                })
                .toList();
        return new Roadmap(whole.asOf(), whole.knownAt(),
                           StatusCounts.of(sectors.stream().flatMap(s -> s.projects().stream()).map(StoredView::status).toList()), sectors);
    }

    /** The page of limit projects after afterId (from the first when null), every sector listed with its counts. */
    private static Kept cut(Roadmap answer, String afterId, int limit) {
        List<StoredView> all = answer.sectors().stream().flatMap(s -> s.projects().stream()).toList();
        int start = 0;
        if (afterId != null) {
            start = 1 + all.stream().map(StoredView::projectId).toList().indexOf(afterId);
            if (start == 0) { // a cursor of the same scope always names a project of its answer
                throw new InvalidQueryException(new FieldViolation("cursor", "must be the nextCursor of a previous page"));
            }
        }
        int end = Math.min(all.size(), start + limit);
        List<Roadmap.SectorRoadmap> sectors = new ArrayList<>();
        int first = 0; // the position of the sector's first project in the whole answer
        for (Roadmap.SectorRoadmap sector : answer.sectors()) {
            int size = sector.projects().size();
            int from = Math.min(size, Math.max(0, start - first));
            int to = Math.min(size, Math.max(0, end - first));
            sectors.add(new Roadmap.SectorRoadmap(sector.sector(), sector.label(), sector.countsByStatus(),
                                                  List.copyOf(sector.projects().subList(from, to))));
            first += size;
        }
        Roadmap page = new Roadmap(answer.asOf(), answer.knownAt(), answer.countsByStatus(), List.copyOf(sectors));
        return new Kept(page, end < all.size() ? all.get(end - 1).projectId() : null);
    }

    private static int weight(Roadmap answer) {
        long bytes = 1024;
        for (Roadmap.SectorRoadmap sector : answer.sectors()) {
            for (StoredView project : sector.projects()) {
                bytes += BYTES_PER_PROJECT + project.json().length;
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }
}
