package fi.tiekartta.query.roadmap;

import fi.tiekartta.query.projects.TimePoint;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

@Tag(name = "roadmap", description = "The whole roadmap by sector, with counts by status")
@RestController
public class RoadmapController {

    private final RoadmapAnswers roadmaps;
    private final Clock clock;

    public RoadmapController(RoadmapAnswers roadmaps, Clock clock) {
        this.roadmaps = roadmaps;
        this.clock = clock;
    }

    @Operation(summary = "The whole roadmap on a day, as known at an instant: sectors, their projects, counts by status",
            description = "Every configured sector in order, even one without projects; its projects by id; counts by status of the whole roadmap and of each sector. The same asOf and knownAt give the same answer.")
    @GetMapping("/api/roadmap")
    public Roadmap roadmap(
            @Parameter(description = "The day the answer is about (Europe/Helsinki), default today")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @Parameter(description = "Use only what was recorded up to this instant (UTC, millisecond resolution), default now")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant knownAt) {
        TimePoint at = TimePoint.resolve(asOf, knownAt, clock);
        return roadmaps.at(at.asOf(), KnownAt.normalise(at.knownAt()));
    }
}
