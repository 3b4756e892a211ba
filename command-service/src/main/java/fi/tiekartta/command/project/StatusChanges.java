package fi.tiekartta.command.project;

import fi.tiekartta.vocabulary.ProjectStatus;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The status changes of a project as they stand after corrections and retractions: what the aggregate needs to
 * judge a new change (what was in effect on its date) and a correction (what it corrects). Statuses take effect
 * in the order of their effective dates; on the same day, the one recorded later wins, as in the read models.
 */
final class StatusChanges {

    private record Recorded(long order, StatusReport report) {
    }

    private static final Comparator<Recorded> VALID_TIME_ORDER =
            Comparator.comparing((Recorded r) -> r.report().effectiveDate()).thenComparingLong(Recorded::order);

    private final Map<String, Recorded> inForce = new LinkedHashMap<>();
    private final Set<String> retracted = new HashSet<>();
    private long recorded;

    void record(String changeId, StatusReport report) {
        inForce.put(changeId, new Recorded(recorded++, report));
    }

    /** A corrected change keeps its place in recording order; only what it says changes. */
    void correct(String changeId, StatusReport corrected) {
        Recorded original = inForce.get(changeId);
        if (original != null) {
            inForce.put(changeId, new Recorded(original.order(), corrected));
        }
    }

    void retract(String changeId) {
        inForce.remove(changeId);
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
            return latestOn(date, r -> unit.equals(r.report().unit())).orElse(ProjectStatus.NOT_STARTED);
        }
        return latestOn(date, r -> r.report().unit() == null)
                .or(() -> leastAdvancedUnitOn(date))
                .orElse(ProjectStatus.NOT_STARTED);
    }

    /** When the status in effect on {@code date} for this scope became true (for messages). */
    Optional<LocalDate> sinceWhen(String unit, LocalDate date) {
        return inForce.values().stream()
                      .filter(r -> Objects.equals(unit, r.report().unit()) && !r.report().effectiveDate().isAfter(date))
                      .max(VALID_TIME_ORDER)
                      .map(r -> r.report().effectiveDate());
    }

    private Optional<ProjectStatus> latestOn(LocalDate date, Predicate<Recorded> scope) {
        return inForce.values().stream()
                      .filter(scope)
                      .filter(r -> !r.report().effectiveDate().isAfter(date))
                      .max(VALID_TIME_ORDER)
                      .map(r -> r.report().status());
    }

    private Optional<ProjectStatus> leastAdvancedUnitOn(LocalDate date) {
        Map<String, ProjectStatus> unitStatus = inForce.values().stream()
                .filter(r -> r.report().unit() != null && !r.report().effectiveDate().isAfter(date))
                .collect(Collectors.groupingBy(r -> r.report().unit(),
                                               Collectors.collectingAndThen(Collectors.maxBy(VALID_TIME_ORDER),
                                                                            r -> r.orElseThrow().report().status())));
        List<ProjectStatus> statuses = List.copyOf(unitStatus.values());
        return ProjectStatus.leastAdvanced(statuses);
    }
}
