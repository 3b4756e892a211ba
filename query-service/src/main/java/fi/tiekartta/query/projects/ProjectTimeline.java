package fi.tiekartta.query.projects;

import fi.tiekartta.vocabulary.ProjectStatus;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Folds the changes of one project, as known at one moment, into its states along valid time. The fold is
 * pure: the same changes always give the same segments, which is what makes a published answer reproducible.
 *
 * <p>Changes take effect in the order of their effective dates; on the same day, the one recorded later wins.
 * A segment runs from one effective date to the next; neighbours that look the same are joined.
 */
public final class ProjectTimeline {

    static final Comparator<RecordedChange> VALID_TIME_ORDER =
            Comparator.comparing(RecordedChange::effectiveDate).thenComparingLong(RecordedChange::sequence);

    private ProjectTimeline() {
    }

    /** The project's state from {@code validFrom} (inclusive) to {@code validTo} (exclusive; null: open-ended). */
    public record Segment(LocalDate validFrom, LocalDate validTo, ProjectState state) {
    }

    public static List<Segment> fold(List<RecordedChange> changes) {
        Optional<RecordedChange> registration = changes.stream().filter(c -> c.type() == ChangeType.REGISTERED).findFirst();
        if (registration.isEmpty()) {
            return List.of();
        }
        List<RecordedChange> ordered = new ArrayList<>(inForce(changes));
        ordered.sort(VALID_TIME_ORDER);
        return foldFrom(registration.get(), ordered, registration.get().effectiveDate(), null).segments();
    }

    /**
     * Where a fold can be taken up again: the state that the changes in force dated before {@link #day} left, as a
     * fold passing that day had it. A fold from a day on or after it ({@link #foldOn}) then reads only the changes
     * dated from that day on, where a fold from the registration ({@link #foldFrom}) reads every change again: for a
     * project whose changes come in valid-time order, each one's fold reads the changes from the day its last segment
     * starts, not the whole history (docs/PERFORMANCE.md, "What changed on 2026-12-03 (midday)"). A point is
     * true for as long as no change dated before its day is put in force, corrected or retracted
     * ({@link KnownProject} takes up only at the last fold's).
     */
    static final class FoldPoint {
        private final LocalDate day;
        private final Accumulator state;

        private FoldPoint(LocalDate day, Accumulator state) {
            this.day = day;
            this.state = state;
        }

        LocalDate day() {
            return day;
        }
    }

    /** A fold's segments, and the last point it passed where a later fold can take up (null: none). */
    record Folded(List<Segment> segments, FoldPoint lastPoint) {
    }

    /**
     * The fold from day {@code from} on, for a caller that keeps the segments before it: the changes in force, in
     * valid-time order, before {@code from} only set the state the first segment starts from. A fold from the
     * registration day is the whole fold.
     *
     * @param before the segment the result continues (ends on {@code from}), or null from the registration day; the
     *               result starts with it, unchanged unless the first new segment looked the same and was joined to it
     */
    static Folded foldFrom(RecordedChange registration, Iterable<RecordedChange> inForceInValidTimeOrder,
                           LocalDate from, Segment before) {
        return fold(new Accumulator(registration), null, inForceInValidTimeOrder, from, before);
    }

    /**
     * The same fold taken up at {@code point}: {@code inForceFromItsDay} are the changes in force dated on or after
     * the point's day, in valid-time order, and {@code from} is not before that day.
     */
    static Folded foldOn(FoldPoint point, Iterable<RecordedChange> inForceFromItsDay, LocalDate from, Segment before) {
        if (from.isBefore(point.day)) {
            throw new IllegalArgumentException("a fold from " + from + " cannot take up at " + point.day);
        }
        return fold(point.state.copy(), point, inForceFromItsDay, from, before);
    }

    private static Folded fold(Accumulator state, FoldPoint point, Iterable<RecordedChange> changes, LocalDate from,
                               Segment before) {
        List<Segment> segments = new ArrayList<>();
        if (before != null) {
            segments.add(before);
        }
        LocalDate start = from;
        FoldPoint last = point;
        for (RecordedChange change : changes) {
            // The first change of a later day ends the segment so far; changes of one day all go into the next.
            if (change.effectiveDate().isAfter(start)) {
                append(segments, new Segment(start, change.effectiveDate(), state.current()));
                start = change.effectiveDate();
                last = new FoldPoint(start, state.copy());
            }
            state.apply(change);
        }
        append(segments, new Segment(start, null, state.current()));
        return new Folded(segments, last);
    }

    /**
     * The changes that shape the views, as corrected: a correction takes the place of the change it corrects
     * (the latest correction wins), a retracted change drops out. Registration is the starting point, not a
     * change in this list.
     */
    static List<RecordedChange> inForce(List<RecordedChange> changes) {
        Map<String, RecordedChange> statusChanges = new LinkedHashMap<>();
        List<RecordedChange> inForce = new ArrayList<>();
        changes.stream().sorted(Comparator.comparingLong(RecordedChange::sequence)).forEach(change -> {
            switch (change.type()) {
                case STATUS_CHANGED -> statusChanges.put(change.changeId(), change);
                case CORRECTED -> statusChanges.computeIfPresent(change.corrects(), (id, original) -> original.correctedAs(change));
                case RETRACTED -> statusChanges.remove(change.corrects());
                case OWNER_ASSIGNED, DETAILS_REVISED -> inForce.add(change);
                case REGISTERED -> { }
            }
        });
        inForce.addAll(statusChanges.values());
        return inForce;
    }

    /**
     * The state after a status change of the whole project ({@code change}, no unit) that comes last in valid-time
     * order after the changes that made {@code state}: the project shows its own status from then on, with its
     * details and units as they were ({@link Accumulator#current}). For a caller that holds the last state, not the
     * changes ({@link KnownProject#ofTail}).
     */
    static ProjectState withProjectStatus(ProjectState state, RecordedChange change) {
        return new ProjectState(state.projectId(), state.sector(), state.title(), state.owner(), state.plannedStartYear(),
                                state.plannedEndYear(), state.description(), change.status(), change.progressPercent(),
                                change.targetYear(), change.scheduledFor(), change.note(), change.effectiveDate(),
                                state.units());
    }

    private static void append(List<Segment> segments, Segment next) {
        if (!segments.isEmpty()) {
            Segment last = segments.get(segments.size() - 1);
            if (last.state().equals(next.state())) {
                segments.set(segments.size() - 1, new Segment(last.validFrom(), next.validTo(), last.state()));
                return;
            }
        }
        segments.add(next);
    }

    /** The project as the changes applied so far describe it. */
    private static final class Accumulator {
        private final RecordedChange registration;
        private ProjectDetails details;
        private RecordedChange projectStatus;
        private final Map<String, RecordedChange> unitStatus = new TreeMap<>();

        Accumulator(RecordedChange registration) {
            this.registration = registration;
            this.details = registration.details();
        }

        Accumulator copy() {
            Accumulator copy = new Accumulator(registration);
            copy.details = details;
            copy.projectStatus = projectStatus;
            copy.unitStatus.putAll(unitStatus);
            return copy;
        }

        void apply(RecordedChange change) {
            switch (change.type()) {
                case OWNER_ASSIGNED -> details = new ProjectDetails(details.sector(), details.title(), change.details().owner(),
                                                                    details.plannedStartYear(), details.plannedEndYear(),
                                                                    details.description());
                case DETAILS_REVISED -> details = new ProjectDetails(details.sector(), change.details().title(), details.owner(),
                                                                     change.details().plannedStartYear(),
                                                                     change.details().plannedEndYear(),
                                                                     change.details().description());
                default -> {
                    if (change.unit() == null) {
                        projectStatus = change;
                    } else {
                        unitStatus.put(change.unit(), change);
                    }
                }
            }
        }

        ProjectState current() {
            RecordedChange shown = projectStatus != null ? projectStatus : leastAdvancedUnit();
            List<ProjectState.UnitState> units = unitStatus.values().stream()
                    .map(u -> new ProjectState.UnitState(u.unit(), u.status(), u.progressPercent(), u.targetYear(),
                                                         u.effectiveDate()))
                    .toList();
            if (shown == null) {
                return state(ProjectStatus.NOT_STARTED, null, null, null, null, registration.effectiveDate(), units);
            }
            String note = shown.unit() == null ? shown.note() : null;
            return state(shown.status(), shown.progressPercent(), shown.targetYear(), shown.scheduledFor(), note,
                         shown.effectiveDate(), units);
        }

        /** With no status of its own, the project shows its least advanced unit (docs/STATUS-VOCABULARY.md). */
        private RecordedChange leastAdvancedUnit() {
            return ProjectStatus.leastAdvanced(unitStatus.values().stream().map(RecordedChange::status).toList())
                                .flatMap(status -> unitStatus.values().stream()
                                                             .filter(u -> u.status() == status).findFirst())
                                .orElse(null);
        }

        private ProjectState state(ProjectStatus status, Integer progress, Integer targetYear, String scheduledFor,
                                   String note, LocalDate effectiveDate, List<ProjectState.UnitState> units) {
            return new ProjectState(registration.projectId(), details.sector(), details.title(), details.owner(),
                                    details.plannedStartYear(), details.plannedEndYear(), details.description(),
                                    status, progress, targetYear, scheduledFor, note, effectiveDate, units);
        }
    }
}
