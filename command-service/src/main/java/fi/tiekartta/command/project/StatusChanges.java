package fi.tiekartta.command.project;

import fi.tiekartta.vocabulary.ProjectStatus;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The status changes of a project as they stand after corrections and retractions: what the aggregate needs to
 * judge a new change (what was in effect on its date) and a correction (what it corrects). Statuses take effect
 * in the order of their effective dates; on the same day, the one recorded later wins, as in the read models.
 *
 * <p>Each scope (the project itself, or one unit) keeps its changes in that order, so "in effect on a date" is one
 * lookup rather than a pass over the project's whole history, which every command asks and which grows with it.
 */
final class StatusChanges {

    /** A change's place in valid time: its effective date, then its place in recording order. */
    private record Position(LocalDate effectiveDate, long order) {

        static final Comparator<Position> VALID_TIME_ORDER =
                Comparator.comparing(Position::effectiveDate).thenComparingLong(Position::order);

        /** After every change in effect on {@code date}, before any that takes effect later. */
        static Position endOf(LocalDate date) {
            return new Position(date, Long.MAX_VALUE);
        }
    }

    private record Recorded(long order, StatusReport report) {

        Position position() {
            return new Position(report.effectiveDate(), order);
        }
    }

    private final Map<String, Recorded> inForce = new HashMap<>();
    /** The changes in force by scope: a unit, or {@code null} for the project itself. */
    private final Map<String, NavigableMap<Position, StatusReport>> byScope = new HashMap<>();
    private final Set<String> retracted = new HashSet<>();
    private long recorded;

    void record(String changeId, StatusReport report) {
        enter(changeId, new Recorded(recorded++, report));
    }

    /** A corrected change keeps its place in recording order; only what it says changes. */
    void correct(String changeId, StatusReport corrected) {
        Recorded original = inForce.get(changeId);
        if (original != null) {
            leave(original);
            enter(changeId, new Recorded(original.order(), corrected));
        }
    }

    void retract(String changeId) {
        Recorded original = inForce.remove(changeId);
        if (original != null) {
            leave(original);
        }
        retracted.add(changeId);
    }

    Optional<StatusReport> find(String changeId) {
        return Optional.ofNullable(inForce.get(changeId)).map(Recorded::report);
    }

    boolean isRetracted(String changeId) {
        return retracted.contains(changeId);
    }

    /**
     * The status of the project ({@code unit == null}) or of one unit in effect on {@code date}. With no status
     * reported for the project itself, the project stands where its least advanced unit stands
     * (docs/STATUS-VOCABULARY.md).
     */
    ProjectStatus statusAt(String unit, LocalDate date) {
        if (unit != null) {
            return inEffectOn(unit, date).map(StatusReport::status).orElse(ProjectStatus.NOT_STARTED);
        }
        return inEffectOn(null, date).map(StatusReport::status)
                                     .or(() -> leastAdvancedUnitOn(date))
                                     .orElse(ProjectStatus.NOT_STARTED);
    }

    /** When the status in effect on {@code date} for this scope became true (for messages). */
    Optional<LocalDate> sinceWhen(String unit, LocalDate date) {
        return inEffectOn(unit, date).map(StatusReport::effectiveDate);
    }

    private Optional<StatusReport> inEffectOn(String scope, LocalDate date) {
        NavigableMap<Position, StatusReport> changes = byScope.get(scope);
        if (changes == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(changes.floorEntry(Position.endOf(date))).map(Map.Entry::getValue);
    }

    private Optional<ProjectStatus> leastAdvancedUnitOn(LocalDate date) {
        List<ProjectStatus> statuses = new ArrayList<>();
        byScope.forEach((unit, changes) -> {
            if (unit != null) {
                Map.Entry<Position, StatusReport> inEffect = changes.floorEntry(Position.endOf(date));
                if (inEffect != null) {
                    statuses.add(inEffect.getValue().status());
                }
            }
        });
        return ProjectStatus.leastAdvanced(statuses);
    }

    private void enter(String changeId, Recorded change) {
        inForce.put(changeId, change);
        byScope.computeIfAbsent(change.report().unit(), scope -> new TreeMap<>(Position.VALID_TIME_ORDER))
               .put(change.position(), change.report());
    }

    private void leave(Recorded change) {
        byScope.get(change.report().unit()).remove(change.position());
    }
}
