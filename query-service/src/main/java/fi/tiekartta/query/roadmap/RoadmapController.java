package fi.tiekartta.query.roadmap;

import fi.tiekartta.query.projects.ListCursor;
import fi.tiekartta.query.projects.SectorParameter;
import fi.tiekartta.query.projects.TimePoint;
import fi.tiekartta.vocabulary.ProjectStatus;
import fi.tiekartta.vocabulary.Sectors;
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
    private final Sectors sectors;
    private final Clock clock;

    public RoadmapController(RoadmapAnswers roadmaps, Sectors sectors, Clock clock) {
        this.roadmaps = roadmaps;
        this.sectors = sectors;
        this.clock = clock;
    }

    @Operation(summary = "The whole roadmap on a day, as known at an instant: sectors, their projects, counts by status",
            description = "Every configured sector in order, even one without projects; its projects by id; counts by status of the whole roadmap and of each sector. Optionally only one sector and/or one status (counts are then those of what is listed). The same asOf and knownAt give the same answer. "
                          + "With limit, one page: the same sectors and counts, each sector with only its projects among the next limit in the roadmap's order; nextCursor (absent on the last page) asks for the next, with the same asOf, knownAt (the page's), sector and status.")
    @GetMapping("/api/roadmap")
    public Roadmap roadmap(
            @Parameter(description = "The day the answer is about (Europe/Helsinki), default today")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @Parameter(description = "Use only what was recorded up to this instant (UTC, millisecond resolution), default now")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant knownAt,
            @Parameter(description = "Only this sector (its code); the other sectors are left out")
            @RequestParam(required = false) String sector,
            @Parameter(description = "Only the projects of this status; counts are those of the projects listed")
            @RequestParam(required = false) ProjectStatus status,
            @Parameter(description = "At most this many projects (1 to " + ListCursor.MAX_LIMIT + "); default all")
            @RequestParam(required = false) Integer limit,
            @Parameter(description = "The nextCursor of the previous page (requires limit)")
            @RequestParam(required = false) String cursor) {
        SectorParameter.requireKnown(sectors, sector);
        ListCursor.requireValidPaging(limit, cursor);
        TimePoint at = TimePoint.resolve(asOf, knownAt, clock);
        Instant normalised = KnownAt.normalise(at.knownAt());
        return limit == null ? roadmaps.at(at.asOf(), normalised, sector, status)
                : roadmaps.page(at.asOf(), normalised, sector, status, cursor, limit);
    }
}
