package fi.tiekartta.query.audit;

import fi.tiekartta.query.projects.InvalidQueryException;
import fi.tiekartta.query.projects.ListCursor;
import fi.tiekartta.query.projects.ProjectNotFoundException;
import fi.tiekartta.query.projects.ProjectView;
import fi.tiekartta.query.projects.TimePoint;
import fi.tiekartta.support.web.FieldViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What auditors read (docs/AUDIT.md): the raw event streams, a project replayed from them to any
 * point, and the verification of the hash chains. Nothing here reads the read models, except verification's
 * second witness ({@link ProjectedEvents}), which can only add problems.
 */
@Tag(name = "audit", description = "The raw event store, replays from it and the verification of its hash chains (AUDITOR)")
@RestController
@RequestMapping("/api/audit")
public class AuditController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = ListCursor.MAX_LIMIT;

    private final StoredEvents events;
    private final StoredStateReplay replay;
    private final EventLogDigest digest;
    private final Clock clock;

    public AuditController(StoredEvents events, StoredStateReplay replay, EventLogDigest digest, Clock clock) {
        this.events = events;
        this.replay = replay;
        this.digest = digest;
        this.clock = clock;
    }

    /** The answer of {@code GET /api/audit/projects/{id}/events}; {@code next} is the following page, null at the end. */
    public record EventPage(String projectId, List<AuditedEvent> events, @Nullable String next) {
    }

    @Operation(summary = "A project's events as stored, with their hashes, in sequence order; paged",
            description = "Each event with its payload and metadata as stored and its hash; next is the following page, null after the last.")
    @ApiResponse(responseCode = "200", description = "One page of the stream")
    @ApiResponse(responseCode = "404", description = "No event of that project in the store",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @GetMapping("/projects/{projectId}/events")
    public EventPage events(
            @PathVariable String projectId,
            @Parameter(description = "First sequence number to list, default 0") @RequestParam(defaultValue = "0") long fromSequence,
            @Parameter(description = "Events per page, default " + DEFAULT_LIMIT + ", at most " + MAX_LIMIT)
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
        if (fromSequence < 0) {
            throw new InvalidQueryException(new FieldViolation("fromSequence", "must be 0 or more"));
        }
        ListCursor.requireValidPaging(limit, null);
        List<StoredEvent> page = events.page(projectId, fromSequence, limit + 1);
        if (page.isEmpty() && !events.exists(projectId)) {
            throw new ProjectNotFoundException(projectId);
        }
        String next = page.size() > limit
                ? UriComponentsBuilder.fromPath("/api/audit/projects/{projectId}/events")
                                      .queryParam("fromSequence", page.get(limit).sequenceNumber())
                                      .queryParam("limit", limit)
                                      .buildAndExpand(projectId).encode().toUriString()
                : null;
        return new EventPage(projectId, page.stream().limit(limit).map(AuditedEvent::of).toList(), next);
    }

    @Operation(summary = "A project replayed from its stored events 0..atSequence, or those recorded up to knownAt; "
                         + "the same shape as GET /api/projects/{id}, not read from the read models",
            description = "Read from the stored events alone, to compare with what the read models answer.")
    @ApiResponse(responseCode = "200", description = "The project as the replayed events make it on asOf")
    @ApiResponse(responseCode = "400", description = "atSequence out of range, or both atSequence and knownAt",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @ApiResponse(responseCode = "404", description = "No such project, or not on the roadmap on asOf by then",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @GetMapping("/projects/{projectId}/state")
    public ProjectView state(
            @PathVariable String projectId,
            @Parameter(description = "Replay the events with sequence 0..atSequence") @RequestParam(required = false) Long atSequence,
            @Parameter(description = "Replay the events recorded up to this instant (UTC)")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant knownAt,
            @Parameter(description = "The day the answer is about (Europe/Helsinki), default today")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        if (atSequence != null && knownAt != null) {
            throw new InvalidQueryException(new FieldViolation("knownAt", "cannot be combined with atSequence"));
        }
        return replay.replay(projectId, atSequence, knownAt, TimePoint.resolve(asOf, knownAt, clock).asOf());
    }

    @Operation(summary = "Recomputes every hash chain and the digest over the stream heads; with digest and knownAt, "
                         + "whether the store still matches that published digest",
            description = "valid is false when a chain does not verify or an event the read models once applied is gone; problems then name each project and sequence.")
    @ApiResponse(responseCode = "200", description = "The verification, valid or not")
    @ApiResponse(responseCode = "400", description = "A digest without knownAt, or not of the form sha256:<64 hex>",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @GetMapping("/verify")
    public VerificationReport verify(
            @Parameter(description = "Verify and digest only the events recorded up to this instant (UTC)")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant knownAt,
            @Parameter(description = "A published digest (sha256:<hex>) to compare with the digest at knownAt")
            @RequestParam(required = false) String digest) {
        if (digest != null && knownAt == null) {
            throw new InvalidQueryException(new FieldViolation("knownAt", "is required with digest: the instant the digest was made at"));
        }
        if (digest != null && !EventLogDigest.isDigest(digest)) {
            throw new InvalidQueryException(new FieldViolation("digest", "must be sha256: followed by 64 hex digits"));
        }
        return this.digest.verify(knownAt == null ? null : TimePoint.requireSane(knownAt, clock), digest);
    }
}
