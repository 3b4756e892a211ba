package fi.tiekartta.query.roadmap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fi.tiekartta.query.projects.ProjectProjection;
import fi.tiekartta.query.projects.ProjectView;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * {@link RoadmapQuery}'s answers, kept while they cannot change. The roadmap on a day as known at an instant is a
 * function of the read model's contents, and those are fixed by the position of the projection (its tokens, written
 * in the same transaction as the rows; and the tables themselves, which a rebuild replaces). So an answer is
 * reused for the same day, the same position and the same instant; and, since the answer as known at any instant
 * on or after the latest recording time in the read model is the same answer (every row and head counted, none
 * closed yet), "as known now" is reused until the projection moves. Tokens, tables and that latest time are read in
 * the answer's own repeatable-read snapshot, so they describe the rows it reads.
 *
 * <p>The 2 s of a roadmap at 10,000 projects were the query and the decoding of 10,000 project states and their
 * sorting; with this, asking again costs two one-row reads (docs/PERFORMANCE.md). Bounded by an estimate of bytes.
 */
@Component
public class RoadmapAnswers {

    /** What fixes the read model's contents: the projection's tokens and the tables' storage. */
    private static final String POSITION = "SELECT coalesce((SELECT string_agg(segment || ':' || md5(coalesce(token, ''::bytea)), ','"
            + " ORDER BY segment) FROM read_model.token_entry WHERE processor_name = ?), '')"
            + " || '/' || pg_relation_filenode('read_model.project_view') || '/' || pg_relation_filenode('read_model.project_head')"
            + " || '/' || pg_relation_filenode('read_model.project_change')";
    private static final String LATEST = "SELECT max(last_recorded_at) FROM read_model.project_head";

    /** Rough heap of one project of an answer, beside its texts. */
    private static final int BYTES_PER_PROJECT = 600;

    private record Key(LocalDate asOf, String position, Instant knownAt) {
    }

    private final RoadmapQuery query;
    private final JdbcTemplate jdbc;
    private final Cache<Key, Roadmap> answers;

    public RoadmapAnswers(RoadmapQuery query, JdbcTemplate jdbc,
                          @Value("${tiekartta.roadmap.cache-bytes:32MB}") DataSize cacheBytes) {
        this.query = query;
        this.jdbc = jdbc;
        this.answers = Caffeine.newBuilder()
                               .maximumWeight(cacheBytes.toBytes())
                               .weigher((Key key, Roadmap answer) -> weight(answer))
                               .build();
    }

    /** The same answer as {@link RoadmapQuery#at}. @param knownAt already normalised ({@link KnownAt}) */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Roadmap at(LocalDate asOf, Instant knownAt) {
        String position = jdbc.queryForObject(POSITION, String.class, ProjectProjection.PROCESSING_GROUP);
        OffsetDateTime latest = jdbc.queryForObject(LATEST, OffsetDateTime.class);
        boolean everythingKnown = latest == null || !knownAt.isBefore(latest.toInstant());
        Roadmap answer = answers.get(new Key(asOf, position, everythingKnown ? null : knownAt), key -> query.at(asOf, knownAt));
        return answer.knownAt().equals(knownAt) ? answer
                : new Roadmap(answer.asOf(), knownAt, answer.countsByStatus(), answer.sectors());
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
