package fi.tiekartta.query.report;

import fi.tiekartta.query.projects.ProjectProjection;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * How far the project views' processor has got, read from its tokens in {@code read_model.token_entry} (in the
 * caller's transaction, so in the same snapshot as the views): every event up to {@link Applied#upTo} is applied,
 * except those in {@link Applied#gaps}, global indexes the store had not yet shown. The slowest segment decides;
 * an unknown or missing token means nothing is known to be applied.
 */
@Repository
public class ProjectionPosition {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    public ProjectionPosition(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** @param upTo the global index up to which every event (but the gaps) is applied; -1: none known */
    public record Applied(long upTo, Set<Long> gaps) {
    }

    public Applied applied() {
        List<TrackingToken> tokens = jdbc.query(
                "SELECT token, token_type FROM read_model.token_entry WHERE processor_name = ?",
                (rs, i) -> rs.getBytes(1) == null ? null : serializer.deserialize(
                        new SimpleSerializedObject<>(rs.getBytes(1), byte[].class, rs.getString(2), null)),
                ProjectProjection.PROCESSING_GROUP);
        long upTo = Long.MAX_VALUE;
        Set<Long> gaps = new TreeSet<>();
        for (TrackingToken token : tokens) {
            TrackingToken position = token == null ? null : WrappedToken.unwrapLowerBound(token);
            if (!(position instanceof GapAwareTrackingToken gapAware)) {
                return new Applied(-1, Set.of());
            }
            upTo = Math.min(upTo, gapAware.getIndex());
            gaps.addAll(gapAware.getGaps());
        }
        return tokens.isEmpty() ? new Applied(-1, Set.of()) : new Applied(upTo, gaps);
    }
}
