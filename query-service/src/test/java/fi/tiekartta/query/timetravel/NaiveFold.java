package fi.tiekartta.query.timetravel;

import fi.tiekartta.query.timetravel.RandomHistory.Change;
import fi.tiekartta.query.timetravel.RandomHistory.Correction;
import fi.tiekartta.query.timetravel.RandomHistory.Retraction;
import fi.tiekartta.query.timetravel.RandomHistory.Step;
import fi.tiekartta.vocabulary.ProjectStatus;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The straightforward reading of docs/TIME.md, written independently of the read model: apply corrections and
 * retractions in recording order, then for a day take the latest change on or before it (recorded later wins on
 * the same day); without a status of its own the project shows its least advanced unit.
 */
public final class NaiveFold {

    /** What a project view shows on a day, as far as these tests compare it. */
    public record Expected(ProjectStatus status, Map<String, ProjectStatus> units) {
    }

    private NaiveFold() {
    }

    /** @param knownSteps how many of the steps were recorded by the time asked about */
    public static Optional<Expected> on(RandomHistory history, int knownSteps, LocalDate day) {
        if (day.isBefore(history.registeredOn())) {
            return Optional.empty();
        }
        // position in recording order, and what each change says after corrections
        Map<String, Integer> position = new LinkedHashMap<>();
        Map<String, Change> says = new LinkedHashMap<>();
        List<Step> steps = history.steps().subList(0, knownSteps);
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (step instanceof Change change) {
                position.put(change.changeId(), i);
                says.put(change.changeId(), change);
            } else if (step instanceof Correction correction && says.containsKey(correction.corrects())) {
                says.put(correction.corrects(), new Change(correction.corrects(), correction.status(),
                                                           correction.effectiveDate(), correction.unit(),
                                                           correction.progressPercent(), correction.targetYear(),
                                                           correction.note()));
            } else if (step instanceof Retraction retraction) {
                says.remove(retraction.retracts());
            }
        }
        Change projectLatest = null;
        Map<String, Change> unitLatest = new TreeMap<>();
        for (Change change : says.values()) {
            if (change.effectiveDate().isAfter(day)) {
                continue;
            }
            if (change.unit() == null) {
                projectLatest = later(projectLatest, change, position);
            } else {
                unitLatest.put(change.unit(), later(unitLatest.get(change.unit()), change, position));
            }
        }
        Map<String, ProjectStatus> units = new TreeMap<>();
        unitLatest.forEach((unit, change) -> units.put(unit, change.status()));
        ProjectStatus status = projectLatest != null ? projectLatest.status()
                : ProjectStatus.leastAdvanced(new ArrayList<>(units.values())).orElse(ProjectStatus.NOT_STARTED);
        return Optional.of(new Expected(status, units));
    }

    private static Change later(Change current, Change candidate, Map<String, Integer> position) {
        if (current == null) {
            return candidate;
        }
        int byDate = candidate.effectiveDate().compareTo(current.effectiveDate());
        if (byDate != 0) {
            return byDate > 0 ? candidate : current;
        }
        return position.get(candidate.changeId()) > position.get(current.changeId()) ? candidate : current;
    }
}
