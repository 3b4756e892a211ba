package fi.tiekartta.query.projects;

import fi.tiekartta.query.projects.ProjectTimeline.Segment;
import fi.tiekartta.vocabulary.ProjectStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static fi.tiekartta.vocabulary.ProjectStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

class ProjectTimelineTest {

    private static final LocalDate JAN_1 = LocalDate.of(2023, 1, 1);
    private static final LocalDate MAR_1 = LocalDate.of(2023, 3, 1);
    private static final LocalDate JUN_1 = LocalDate.of(2023, 6, 1);

    @Test
    void aRegisteredProject_isNotStarted_fromItsRegistrationDayOn() {
        List<Segment> segments = ProjectTimeline.fold(List.of(registered(JAN_1)));

        assertThat(segments).hasSize(1);
        assertThat(segments.get(0).validFrom()).isEqualTo(JAN_1);
        assertThat(segments.get(0).validTo()).isNull();
        assertThat(segments.get(0).state().status()).isEqualTo(NOT_STARTED);
        assertThat(segments.get(0).state().effectiveDate()).isEqualTo(JAN_1);
    }

    @Test
    void changes_takeEffectOnTheirEffectiveDates_notInRecordingOrder() {
        List<Segment> segments = ProjectTimeline.fold(List.of(
                registered(JAN_1),
                status(1, JUN_1, DONE, null),
                status(2, MAR_1, IN_PROGRESS, null))); // reported late: backdated before the DONE

        assertThat(segments).extracting(Segment::validFrom, Segment::validTo, s -> s.state().status())
                            .containsExactly(
                                    org.assertj.core.groups.Tuple.tuple(JAN_1, MAR_1, NOT_STARTED),
                                    org.assertj.core.groups.Tuple.tuple(MAR_1, JUN_1, IN_PROGRESS),
                                    org.assertj.core.groups.Tuple.tuple(JUN_1, null, DONE));
    }

    @Test
    void onTheSameDay_theChangeRecordedLaterWins() {
        List<Segment> segments = ProjectTimeline.fold(List.of(
                registered(JAN_1), status(1, MAR_1, DONE, null), status(2, MAR_1, IN_PROGRESS, null)));

        assertThat(segments.get(segments.size() - 1).state().status()).isEqualTo(IN_PROGRESS);
    }

    @Test
    void withOnlyUnitsReported_theProjectShowsItsLeastAdvancedUnit_withThatUnitsTargetYear() {
        RecordedChange vaka = new RecordedChange("HV-07", 1, "c1", "e1", ChangeType.STATUS_CHANGED, Instant.EPOCH,
                                                 "a", null, null, JAN_1, POSTPONED, NOT_STARTED, "VAKA", null, 2027,
                                                 null, null, null, null);
        List<Segment> segments = ProjectTimeline.fold(List.of(registered(JAN_1), vaka, status(2, JAN_1, DONE, "KOULUT")));

        ProjectState state = segments.get(0).state();
        assertThat(state.status()).isEqualTo(POSTPONED);
        assertThat(state.targetYear()).isEqualTo(2027);
        assertThat(state.units()).extracting(ProjectState.UnitState::unit, ProjectState.UnitState::status)
                                 .containsExactly(org.assertj.core.groups.Tuple.tuple("KOULUT", DONE),
                                                  org.assertj.core.groups.Tuple.tuple("VAKA", POSTPONED));
    }

    @Test
    void aStatusOfTheProjectItself_winsOverItsUnits() {
        List<Segment> segments = ProjectTimeline.fold(List.of(
                registered(JAN_1), status(1, JAN_1, DONE, null), status(2, JAN_1, INVESTIGATING, "KOULUT")));

        assertThat(segments.get(0).state().status()).isEqualTo(DONE);
        assertThat(segments.get(0).state().units()).hasSize(1);
    }

    @Test
    void aChangeDatedBeforeTheRegistration_countsFromTheRegistrationDayOn() {
        List<Segment> segments = ProjectTimeline.fold(List.of(registered(MAR_1), status(1, JAN_1, IN_PROGRESS, null)));

        assertThat(segments).hasSize(1);
        assertThat(segments.get(0).validFrom()).isEqualTo(MAR_1);
        assertThat(segments.get(0).state().status()).isEqualTo(IN_PROGRESS);
    }

    @Test
    void aCorrection_takesThePlaceOfTheChangeItCorrects_andTheLatestCorrectionWins() {
        List<Segment> segments = ProjectTimeline.fold(List.of(
                registered(JAN_1),
                status(1, MAR_1, DONE, null),
                correction(2, "c1", JUN_1, IN_PROGRESS),
                correction(3, "c1", JUN_1, WAITING)));

        assertThat(segments).extracting(Segment::validFrom, s -> s.state().status())
                            .containsExactly(org.assertj.core.groups.Tuple.tuple(JAN_1, NOT_STARTED),
                                             org.assertj.core.groups.Tuple.tuple(JUN_1, WAITING));
    }

    @Test
    void aRetractedChange_dropsOut_andTheDaysAroundItJoin() {
        RecordedChange retraction = new RecordedChange("TE-10", 2, "r1", "e2", ChangeType.RETRACTED, Instant.EPOCH,
                                                       "k", "väärä", null, null, null, null, null, null, null, null,
                                                       null, "c1", null);
        List<Segment> segments = ProjectTimeline.fold(List.of(registered(JAN_1), status(1, MAR_1, DONE, null), retraction));

        assertThat(segments).hasSize(1);
        assertThat(segments.get(0).state().status()).isEqualTo(NOT_STARTED);
    }

    @Test
    void ownerAndDetails_changeOnTheirEffectiveDates() {
        RecordedChange owner = new RecordedChange("TE-10", 1, "o1", "e1", ChangeType.OWNER_ASSIGNED, Instant.EPOCH, "k",
                                                  "x", null, MAR_1, null, null, null, null, null, null, null, null,
                                                  new ProjectDetails(null, null, "liisa.l", null, null, null));
        RecordedChange details = new RecordedChange("TE-10", 2, "d1", "e2", ChangeType.DETAILS_REVISED, Instant.EPOCH,
                                                    "k", "x", null, JUN_1, null, null, null, null, null, null, null, null,
                                                    new ProjectDetails(null, "Uusi nimi", null, 2022, 2026, "kuvaus"));
        List<Segment> segments = ProjectTimeline.fold(List.of(registered(JAN_1), owner, details));

        assertThat(segments).extracting(s -> s.state().owner(), s -> s.state().title(), s -> s.state().plannedEndYear())
                            .containsExactly(org.assertj.core.groups.Tuple.tuple("matti.m", "Vesimittarit", 2025),
                                             org.assertj.core.groups.Tuple.tuple("liisa.l", "Vesimittarit", 2025),
                                             org.assertj.core.groups.Tuple.tuple("liisa.l", "Uusi nimi", 2026));
    }

    @Test
    void aFoldTakenUpAtAPoint_givesWhatTheFoldFromTheRegistrationGives() {
        LocalDate feb1 = LocalDate.of(2023, 2, 1);
        RecordedChange registration = registered(JAN_1);
        List<RecordedChange> all = List.of(status(1, feb1, IN_PROGRESS, "VAKA"), status(2, MAR_1, POSTPONED, "KOULUT"),
                                           status(3, MAR_1, IN_PROGRESS, null), status(4, JUN_1, DONE, null));
        ProjectTimeline.FoldPoint point = ProjectTimeline.foldFrom(registration, all.subList(0, 3), JAN_1, null).lastPoint();

        assertThat(point.day()).isEqualTo(MAR_1);
        // Taken up at the point, the fold reads March's and June's changes only: VAKA's comes from the point.
        List<Segment> takenUp = ProjectTimeline.foldOn(point, all.subList(1, all.size()), MAR_1, null).segments();
        List<Segment> whole = ProjectTimeline.foldFrom(registration, all, MAR_1, null).segments();
        assertThat(takenUp).isEqualTo(whole).hasSize(2);
        assertThat(takenUp.get(0).state().units()).extracting(ProjectState.UnitState::unit, ProjectState.UnitState::status)
                                                  .containsExactly(org.assertj.core.groups.Tuple.tuple("KOULUT", POSTPONED),
                                                                   org.assertj.core.groups.Tuple.tuple("VAKA", IN_PROGRESS));
    }

    @Test
    void withoutARegistration_thereIsNothingToShow() {
        assertThat(ProjectTimeline.fold(List.of(status(1, JAN_1, DONE, null)))).isEmpty();
    }

    private static RecordedChange registered(LocalDate day) {
        return new RecordedChange("TE-10", 0, "c0", "e0", ChangeType.REGISTERED, Instant.EPOCH, "koordinaattori",
                                  null, null, day, null, null, null, null, null, null, null, null,
                                  new ProjectDetails("TEKNIIKKA", "Vesimittarit", "matti.m", 2022, 2025, null));
    }

    private static RecordedChange correction(long sequence, String corrects, LocalDate day, ProjectStatus status) {
        return new RecordedChange("TE-10", sequence, "f" + sequence, "e" + sequence, ChangeType.CORRECTED,
                                  Instant.EPOCH.plusSeconds(sequence), "koordinaattori", "korjaus", null, day, status,
                                  null, null, null, null, null, null, corrects, null);
    }

    private static RecordedChange status(long sequence, LocalDate day, ProjectStatus status, String unit) {
        return new RecordedChange("TE-10", sequence, "c" + sequence, "e" + sequence, ChangeType.STATUS_CHANGED,
                                  Instant.EPOCH.plusSeconds(sequence), "matti.m", null, null, day, status, null, unit,
                                  null, null, null, null, null, null);
    }
}
