package fi.tiekartta.query.projects;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * What fixes an answer read from the project views as known at an instant: the read model's contents and that
 * instant. The contents are fixed by the projection's position (its tokens, written in the same transaction as
 * the rows) and the tables' storage (which a rebuild replaces). The instant matters only before the latest
 * recording time the read model holds: as known at any instant from then on, every row and head counts and none
 * is closed yet, so the answer is the same. Read it in the answer's own (repeatable-read) transaction, so that it
 * describes the rows the answer reads.
 */
@Repository
public class ReadModelVersion {

    private static final String POSITION = "SELECT coalesce((SELECT string_agg(segment || ':' || md5(coalesce(token, ''::bytea)), ','"
            + " ORDER BY segment) FROM read_model.token_entry WHERE processor_name = ?), '')"
            + " || '/' || pg_relation_filenode('read_model.project_view') || '/' || pg_relation_filenode('read_model.project_head')"
            + " || '/' || pg_relation_filenode('read_model.project_change')";
    private static final String LATEST = "SELECT max(last_recorded_at) FROM read_model.project_head";

    private final JdbcTemplate jdbc;

    public ReadModelVersion(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param position the projection's position and the tables' storage
     * @param knownAt  the instant, or null when it is on or after the latest recording time (any such instant gives
     *                 the same answer)
     */
    public record Version(String position, Instant knownAt) {
    }

    public Version asKnownAt(Instant knownAt) {
        String position = jdbc.queryForObject(POSITION, String.class, ProjectProjection.PROCESSING_GROUP);
        OffsetDateTime latest = jdbc.queryForObject(LATEST, OffsetDateTime.class);
        boolean everythingKnown = latest == null || !knownAt.isBefore(latest.toInstant());
        return new Version(position, everythingKnown ? null : knownAt);
    }
}
