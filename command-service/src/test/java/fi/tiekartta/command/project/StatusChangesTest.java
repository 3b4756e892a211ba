package fi.tiekartta.command.project;

import fi.tiekartta.vocabulary.ProjectStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link StatusChanges} answers "in effect on a date" by lookups in per-scope orders; these random histories of
 * backdated changes, corrections (of status, date and unit) and retractions check every answer against the rule
 * read literally: of the changes in force in the scope dated on or before the day, the one with the latest date,
 * and on the same day the one recorded later.
 */
class StatusChangesTest {

    private static final List<String> UNITS = Arrays.asList(null, "VAKA", "KOULUT", "NUORISO");
    private static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);
    private static final int DAYS = 20;

    /** A change in force, as the literal reading needs it. */
    private record InForce(long order, StatusReport report) {
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyAnswerIsTheLiteralRulesAnswer_throughBackdatingCorrectionsAndRetractions(long seed) {
        Random random = new Random(seed);
        for (int history = 0; history < 100; history++) {
            StatusChanges changes = new StatusChanges();
            Map<String, InForce> inForce = new LinkedHashMap<>();
            long recorded = 0;
            int steps = random.nextInt(40);
            for (int step = 0; step < steps; step++) {
                List<String> ids = new ArrayList<>(inForce.keySet());
                int kind = ids.isEmpty() ? 0 : random.nextInt(6);
                if (kind <= 3) {
                    String id = "c" + step;
                    StatusReport report = report(random);
                    changes.record(id, report);
                    inForce.put(id, new InForce(recorded++, report));
                } else if (kind == 4) {
                    String id = ids.get(random.nextInt(ids.size()));
                    StatusReport corrected = report(random);
                    changes.correct(id, corrected);
                    inForce.put(id, new InForce(inForce.get(id).order(), corrected));
                } else {
                    String id = ids.get(random.nextInt(ids.size()));
                    changes.retract(id);
                    inForce.remove(id);
                    assertThat(changes.isRetracted(id)).isTrue();
                    assertThat(changes.find(id)).isEmpty();
                }
                for (int day = -1; day <= DAYS; day++) {
                    LocalDate date = FIRST_DAY.plusDays(day);
                    for (String unit : UNITS) {
                        assertThat(changes.statusAt(unit, date)).as("seed %d history %d step %d: %s on %s", seed, history, step, unit, date)
                                                                .isEqualTo(literalStatusAt(inForce.values(), unit, date));
                        assertThat(changes.sinceWhen(unit, date)).as("seed %d history %d step %d: since, %s on %s", seed, history, step, unit, date)
                                                                 .isEqualTo(literalInEffect(inForce.values(), unit, date).map(StatusReport::effectiveDate));
                    }
                }
            }
        }
    }

    private static StatusReport report(Random random) {
        ProjectStatus[] statuses = ProjectStatus.values();
        return new StatusReport(statuses[random.nextInt(statuses.length)], FIRST_DAY.plusDays(random.nextInt(DAYS)),
                                null, null, null, UNITS.get(random.nextInt(UNITS.size() - 1)), null);
    }

    private static ProjectStatus literalStatusAt(Iterable<InForce> inForce, String unit, LocalDate date) {
        Optional<StatusReport> own = literalInEffect(inForce, unit, date);
        if (own.isPresent() || unit != null) {
            return own.map(StatusReport::status).orElse(ProjectStatus.NOT_STARTED);
        }
        List<ProjectStatus> unitStatuses = new ArrayList<>();
        for (String other : UNITS) {
            if (other != null) {
                literalInEffect(inForce, other, date).ifPresent(report -> unitStatuses.add(report.status()));
            }
        }
        return ProjectStatus.leastAdvanced(unitStatuses).orElse(ProjectStatus.NOT_STARTED);
    }

    private static Optional<StatusReport> literalInEffect(Iterable<InForce> inForce, String unit, LocalDate date) {
        InForce latest = null;
        for (InForce change : inForce) {
            StatusReport report = change.report();
            if (!Objects.equals(unit, report.unit()) || report.effectiveDate().isAfter(date)) {
                continue;
            }
            if (latest == null || report.effectiveDate().isAfter(latest.report().effectiveDate())
                || (report.effectiveDate().equals(latest.report().effectiveDate()) && change.order() > latest.order())) {
                latest = change;
            }
        }
        return Optional.ofNullable(latest).map(InForce::report);
    }
}
