package fi.tiekartta.query.timetravel;

import fi.tiekartta.query.projects.ChangeType;
import fi.tiekartta.query.projects.ProjectDetails;
import fi.tiekartta.query.projects.ProjectState;
import fi.tiekartta.query.projects.ProjectTimeline;
import fi.tiekartta.query.projects.ProjectTimeline.Segment;
import fi.tiekartta.query.projects.RecordedChange;
import fi.tiekartta.query.timetravel.RandomHistory.Change;
import fi.tiekartta.query.timetravel.RandomHistory.Correction;
import fi.tiekartta.query.timetravel.RandomHistory.Retraction;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The fold behind the read model gives, on every day, what the naive reading of the events gives. */
class FoldPropertyTest {

    @Property(tries = 2000)
    void theTimelineAgreesWithTheNaiveFold_onEveryDay(@ForAll long seed) {
        RandomHistory history = RandomHistory.generate(seed);
        List<Segment> segments = ProjectTimeline.fold(recorded(history));

        for (LocalDate day : history.interestingDays()) {
            Optional<NaiveFold.Expected> expected = NaiveFold.on(history, history.steps().size(), day);
            Optional<ProjectState> actual = segments.stream()
                    .filter(s -> !s.validFrom().isAfter(day) && (s.validTo() == null || s.validTo().isAfter(day)))
                    .map(Segment::state).findFirst();
            assertThat(actual.map(FoldPropertyTest::shown)).as("seed %d, day %s", seed, day)
                                                           .isEqualTo(expected);
        }
    }

    static NaiveFold.Expected shown(ProjectState state) {
        Map<String, fi.tiekartta.vocabulary.ProjectStatus> units = new TreeMap<>();
        state.units().forEach(u -> units.put(u.unit(), u.status()));
        return new NaiveFold.Expected(state.status(), units);
    }

    /** The history as the projection records it, one change per event. */
    static List<RecordedChange> recorded(RandomHistory history) {
        List<RecordedChange> changes = new ArrayList<>();
        changes.add(new RecordedChange("P", 0, "reg", "e0", ChangeType.REGISTERED, Instant.EPOCH, "k", null, null,
                                       history.registeredOn(), null, null, null, null, null, null, null, null,
                                       new ProjectDetails("TEKNIIKKA", "Hanke", "o", 2021, 2024, null)));
        long sequence = 1;
        for (RandomHistory.Step step : history.steps()) {
            Instant at = Instant.EPOCH.plusSeconds(sequence);
            if (step instanceof Change c) {
                changes.add(new RecordedChange("P", sequence, c.changeId(), "e" + sequence, ChangeType.STATUS_CHANGED, at,
                                               "o", null, null, c.effectiveDate(), c.status(), null, c.unit(),
                                               c.progressPercent(), c.targetYear(), null, c.note(), null, null));
            } else if (step instanceof Correction c) {
                changes.add(new RecordedChange("P", sequence, c.changeId(), "e" + sequence, ChangeType.CORRECTED, at,
                                               "k", "korjaus", null, c.effectiveDate(), c.status(), null, c.unit(),
                                               c.progressPercent(), c.targetYear(), null, c.note(), c.corrects(), null));
            } else if (step instanceof Retraction r) {
                changes.add(new RecordedChange("P", sequence, r.changeId(), "e" + sequence, ChangeType.RETRACTED, at,
                                               "k", "peruttu", null, null, null, null, null, null, null, null, null,
                                               r.retracts(), null));
            }
            sequence++;
        }
        return changes;
    }
}
