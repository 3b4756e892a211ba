package fi.tiekartta.command.project;

import fi.tiekartta.vocabulary.ProjectStatus;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The statuses of a project and its units along valid time, as far as the aggregate needs them to decide:
 * what was in effect just before a (possibly backdated) change. A later report for the same day replaces
 * an earlier one, as it does in the read models.
 */
final class StatusTimeline {

    private final NavigableMap<LocalDate, ProjectStatus> explicitProjectStatus = new TreeMap<>();
    private final Map<String, NavigableMap<LocalDate, ProjectStatus>> unitStatus = new HashMap<>();

    void record(String unit, LocalDate effectiveDate, ProjectStatus status) {
        if (unit == null) {
            explicitProjectStatus.put(effectiveDate, status);
        } else {
            unitStatus.computeIfAbsent(unit, u -> new TreeMap<>()).put(effectiveDate, status);
        }
    }

    /** The status of the project ({@code unit == null}) or of one unit in effect on {@code date}. */
    ProjectStatus statusAt(String unit, LocalDate date) {
        if (unit != null) {
            return floor(unitStatus.get(unit), date);
        }
        var explicit = explicitProjectStatus.floorEntry(date);
        if (explicit != null) {
            return explicit.getValue();
        }
        return leastAdvancedUnitStatus(date);
    }

    private ProjectStatus leastAdvancedUnitStatus(LocalDate date) {
        var reported = unitStatus.values().stream()
                                 .map(timeline -> timeline.floorEntry(date))
                                 .filter(Objects::nonNull)
                                 .map(Map.Entry::getValue)
                                 .toList();
        return ProjectStatus.leastAdvanced(reported).orElse(ProjectStatus.NOT_STARTED);
    }

    private static ProjectStatus floor(NavigableMap<LocalDate, ProjectStatus> timeline, LocalDate date) {
        var entry = timeline == null ? null : timeline.floorEntry(date);
        return entry == null ? ProjectStatus.NOT_STARTED : entry.getValue();
    }
}
