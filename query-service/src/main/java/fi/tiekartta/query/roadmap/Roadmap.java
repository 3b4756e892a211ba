package fi.tiekartta.query.roadmap;

import com.fasterxml.jackson.annotation.JsonInclude;
import fi.tiekartta.query.projects.ProjectView;
import fi.tiekartta.query.projects.StoredView;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.lang.Nullable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code GET /api/roadmap} (docs/API.md): every sector in the configured order,
 * its projects by id, and the counts by status of the whole roadmap and of each sector.
 *
 * <p>A page of it ({@code limit}) lists the same sectors with the same counts, each with only its projects of
 * the page; {@code nextCursor} asks for the next page. Left out of the JSON when null (the only component that
 * can be), so that an answer without {@code limit} stays what it was, and the API description says it is optional.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Roadmap(LocalDate asOf, Instant knownAt, Map<String, Integer> countsByStatus, List<SectorRoadmap> sectors,
                      @Nullable String nextCursor) {

    /** A whole roadmap, or a last page. */
    public Roadmap(LocalDate asOf, Instant knownAt, Map<String, Integer> countsByStatus, List<SectorRoadmap> sectors) {
        this(asOf, knownAt, countsByStatus, sectors, null);
    }

    /**
     * One sector of the roadmap; listed even when it has no project. Its projects are shown as {@link ProjectView}s,
     * kept as stored: {@link RoadmapJson} writes their stored JSON as it came.
     */
    public record SectorRoadmap(String sector, String label, Map<String, Integer> countsByStatus,
                                @ArraySchema(schema = @Schema(implementation = ProjectView.class)) List<StoredView> projects) {
    }
}
