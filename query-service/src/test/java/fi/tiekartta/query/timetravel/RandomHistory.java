package fi.tiekartta.query.timetravel;

import fi.tiekartta.events.ProjectStatusChangedEvent;
import fi.tiekartta.events.StatusChangeCorrectedEvent;
import fi.tiekartta.events.StatusChangeRetractedEvent;
import fi.tiekartta.vocabulary.ProjectStatus;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A random history of one project for property tests: status changes of the project and of its units with
 * effective dates in random order, and corrections and retractions of earlier changes. Every step obeys the
 * field rules of docs/STATUS-RULES.md, as anything the command-service lets through would.
 */
public record RandomHistory(LocalDate registeredOn, List<Step> steps) {

    private static final String[] UNITS = {null, null, null, "VAKA", "KOULUT"};

    public sealed interface Step permits Change, Correction, Retraction {
        String changeId();
    }

    public record Change(String changeId, ProjectStatus status, LocalDate effectiveDate, String unit,
                         Integer progressPercent, Integer targetYear, String note) implements Step {
    }

    public record Correction(String changeId, String corrects, ProjectStatus status, LocalDate effectiveDate,
                             String unit, Integer progressPercent, Integer targetYear, String note) implements Step {
    }

    public record Retraction(String changeId, String retracts) implements Step {
    }

    /** A step as the event the command-service appends for it to the project's stream. */
    public static Object event(String projectId, Step step) {
        if (step instanceof Change c) {
            return new ProjectStatusChangedEvent(projectId, c.changeId(), c.status(), ProjectStatus.NOT_STARTED, c.effectiveDate(),
                                                 c.progressPercent(), c.targetYear(), null, c.unit(), c.note());
        }
        if (step instanceof Correction c) {
            return new StatusChangeCorrectedEvent(projectId, c.changeId(), c.corrects(), c.status(), c.effectiveDate(),
                                                  c.progressPercent(), c.targetYear(), null, c.unit(), c.note());
        }
        Retraction r = (Retraction) step;
        return new StatusChangeRetractedEvent(projectId, r.changeId(), r.retracts());
    }

    public static RandomHistory generate(long seed) {
        Random random = new Random(seed);
        LocalDate registeredOn = LocalDate.of(2021, 1, 1).plusDays(random.nextInt(365));
        List<Step> steps = new ArrayList<>();
        List<Change> open = new ArrayList<>();
        int length = 1 + random.nextInt(12);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            if (kind < 7 || open.isEmpty()) {
                Change change = change("c" + i, registeredOn, random);
                steps.add(change);
                open.add(change);
            } else if (kind < 9) {
                Change target = open.get(random.nextInt(open.size()));
                Change fixed = change("x", registeredOn, random);
                steps.add(new Correction("f" + i, target.changeId(), fixed.status(), fixed.effectiveDate(), target.unit(),
                                         fixed.progressPercent(), fixed.targetYear(), fixed.note()));
            } else {
                Change target = open.remove(random.nextInt(open.size()));
                steps.add(new Retraction("r" + i, target.changeId()));
            }
        }
        return new RandomHistory(registeredOn, steps);
    }

    private static Change change(String id, LocalDate registeredOn, Random random) {
        ProjectStatus status = ProjectStatus.values()[random.nextInt(ProjectStatus.values().length)];
        LocalDate effectiveDate = registeredOn.plusDays(random.nextInt(400));
        return new Change(id, status, effectiveDate, UNITS[random.nextInt(UNITS.length)],
                          status == ProjectStatus.IN_PROGRESS ? random.nextInt(101) : null,
                          status == ProjectStatus.POSTPONED ? effectiveDate.getYear() + 1 + random.nextInt(3) : null,
                          // quotes and a backslash, which the stored JSON escapes: every path must give them back
                          status == ProjectStatus.MERGED ? "osana \"Digi\"-hanketta (C:\\jako)" : null);
    }

    /** The days worth asking about: around every effective date, and before and long after everything. */
    public List<LocalDate> interestingDays() {
        List<LocalDate> days = new ArrayList<>(List.of(registeredOn.minusDays(1), registeredOn, registeredOn.plusYears(3)));
        for (Step step : steps) {
            LocalDate date = step instanceof Change c ? c.effectiveDate() : step instanceof Correction c ? c.effectiveDate() : null;
            if (date != null) {
                days.add(date.minusDays(1));
                days.add(date);
            }
        }
        return days.stream().distinct().sorted().toList();
    }
}
