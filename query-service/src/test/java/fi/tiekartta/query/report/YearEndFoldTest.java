package fi.tiekartta.query.report;

import fi.tiekartta.vocabulary.ProjectStatus;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static fi.tiekartta.vocabulary.ProjectStatus.DONE;
import static fi.tiekartta.vocabulary.ProjectStatus.INVESTIGATING;
import static fi.tiekartta.vocabulary.ProjectStatus.IN_PROGRESS;
import static fi.tiekartta.vocabulary.ProjectStatus.IN_USE;
import static fi.tiekartta.vocabulary.ProjectStatus.MERGED;
import static fi.tiekartta.vocabulary.ProjectStatus.NOT_NEEDED;
import static fi.tiekartta.vocabulary.ProjectStatus.NOT_STARTED;
import static fi.tiekartta.vocabulary.ProjectStatus.PLANNED;
import static fi.tiekartta.vocabulary.ProjectStatus.POSTPONED;
import static fi.tiekartta.vocabulary.ProjectStatus.WAITING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The definitions of the year-end lists (YearEndFold's doc comment), one timeline at a time. */
class YearEndFoldTest {

    private static final int YEAR = 2023;

    @Test
    void started_isTheFirstMoveIntoBegunWork_duringTheYear() {
        assertThat(fold(seg("2022-01-01", NOT_STARTED), seg("2023-02-01", PLANNED), seg("2023-05-01", IN_PROGRESS)).started()).isTrue();
        assertThat(fold(seg("2022-01-01", INVESTIGATING), seg("2023-12-31", IN_USE)).started()).isTrue();
        assertThat(fold(seg("2022-01-01", WAITING), seg("2023-01-01", DONE)).started()).as("straight to done").isTrue();
        assertThat(fold(seg("2022-01-01", NOT_NEEDED), seg("2023-03-01", IN_PROGRESS)).started()).as("revived").isTrue();
    }

    @Test
    void started_excludesWorkBegunBefore_reopenedWork_andWhatTheProjectWasFirstKnownAs() {
        assertThat(fold(seg("2022-01-01", NOT_STARTED), seg("2022-12-31", IN_PROGRESS), seg("2023-03-01", DONE)).started()).isFalse();
        assertThat(fold(seg("2021-01-01", NOT_STARTED), seg("2021-06-01", DONE), seg("2023-02-01", IN_PROGRESS)).started())
                .as("reopened").isFalse();
        assertThat(fold(seg("2023-01-01", IN_PROGRESS)).started()).as("imported as in progress").isFalse();
        assertThat(fold(seg("2022-01-01", NOT_STARTED), seg("2022-06-01", IN_PROGRESS), seg("2022-09-01", WAITING),
                        seg("2023-02-01", IN_PROGRESS)).started()).as("resumed").isFalse();
    }

    @Test
    void completed_isAMoveToDoneDuringTheYear_evenWhenReopenedLater() {
        assertThat(fold(seg("2022-01-01", IN_PROGRESS), seg("2023-11-30", DONE)).completed()).isTrue();
        assertThat(fold(seg("2022-01-01", IN_PROGRESS), seg("2023-03-01", DONE), seg("2023-09-01", IN_PROGRESS)).completed()).isTrue();
        assertThat(fold(seg("2022-01-01", IN_PROGRESS), seg("2022-12-31", DONE)).completed()).as("a year earlier").isFalse();
        assertThat(fold(seg("2022-01-01", DONE), seg("2023-05-01", DONE)).completed()).as("a confirmation").isFalse();
    }

    @Test
    void postponed_runsFromThePlannedEndYear_orThePreviousTargetYear_toTheNewTargetYear() {
        assertThat(fold(seg("2022-01-01", IN_PROGRESS, 2023, null), seg("2023-06-01", POSTPONED, 2023, 2025)).postponed())
                .isEqualTo(new Postponement("P", 2023, 2025));
        assertThat(fold(seg("2022-01-01", POSTPONED, 2023, 2024), seg("2023-06-01", POSTPONED, 2023, 2026)).postponed())
                .as("postponed again, further").isEqualTo(new Postponement("P", 2024, 2026));
        assertThat(fold(seg("2022-01-01", NOT_STARTED, 2023, null), seg("2023-02-01", POSTPONED, 2023, 2024),
                        seg("2023-10-01", POSTPONED, 2023, 2026)).postponed())
                .as("twice in the year: from the first, to the last").isEqualTo(new Postponement("P", 2023, 2026));
    }

    @Test
    void postponed_excludesAnEarlierTarget_aPostponementOfAnotherYear_andARevisedPlan() {
        assertThat(fold(seg("2022-01-01", POSTPONED, 2023, 2026), seg("2023-06-01", POSTPONED, 2023, 2025)).postponed()).isNull();
        assertThat(fold(seg("2022-01-01", IN_PROGRESS, 2023, null), seg("2022-06-01", POSTPONED, 2023, 2025)).postponed()).isNull();
        assertThat(fold(seg("2022-01-01", IN_PROGRESS, 2023, null), seg("2023-06-01", IN_PROGRESS, 2025, null)).postponed()).isNull();
    }

    @Test
    void dropped_isAMoveToNotNeededOrMerged_fromWorkThatWasNeither() {
        assertThat(fold(seg("2022-01-01", PLANNED), seg("2023-06-01", NOT_NEEDED)).dropped()).isTrue();
        assertThat(fold(seg("2022-01-01", IN_PROGRESS), seg("2023-06-01", MERGED)).dropped()).isTrue();
        assertThat(fold(seg("2022-01-01", MERGED), seg("2023-06-01", NOT_NEEDED)).dropped()).as("already dropped").isFalse();
        assertThat(fold(seg("2022-01-01", PLANNED), seg("2022-06-01", NOT_NEEDED)).dropped()).isFalse();
    }

    @Test
    void overdue_isOpenWorkWhosePlannedEndYearHasCome_onTheLastDayOfTheYear() {
        assertThat(fold(seg("2022-01-01", IN_PROGRESS, 2023, null)).overdue()).isTrue();
        assertThat(fold(seg("2022-01-01", POSTPONED, 2022, 2025)).overdue()).as("postponed past its plan").isTrue();
        assertThat(fold(seg("2022-01-01", IN_PROGRESS, 2024, null)).overdue()).isFalse();
        assertThat(fold(seg("2022-01-01", IN_PROGRESS, 2023, null), seg("2023-12-31", DONE, 2023, null)).overdue()).isFalse();
        assertThat(fold(seg("2022-01-01", NOT_NEEDED, 2021, null)).overdue()).isFalse();
        assertThat(fold(seg("2022-01-01", MERGED, 2021, null)).overdue()).isFalse();
        assertThat(fold(seg("2022-01-01", NOT_STARTED, null, null)).overdue()).as("no plan").isFalse();
    }

    @Test
    void theProjectOnTheLastDay_givesItsStatusAndPlannedEnd() {
        ProjectYear year = fold(seg("2022-01-01", NOT_STARTED, 2024, null), seg("2023-04-01", IN_PROGRESS, 2025, null));

        assertThat(year.status()).isEqualTo(IN_PROGRESS);
        assertThat(year.plannedEndYear()).isEqualTo(2025);
    }

    @Test
    void aTimelineReachingBeyondTheYear_isRefused() {
        assertThatThrownBy(() -> fold(seg("2024-01-01", NOT_STARTED))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> YearEndFold.of(YEAR, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static ProjectYear fold(TimelineSegment... segments) {
        return YearEndFold.of(YEAR, new ArrayList<>(List.of(segments)));
    }

    private static TimelineSegment seg(String from, ProjectStatus status) {
        return seg(from, status, 2030, null);
    }

    private static TimelineSegment seg(String from, ProjectStatus status, Integer plannedEndYear, Integer targetYear) {
        return new TimelineSegment("P", "TEKNIIKKA", LocalDate.parse(from), status, "Hanke", plannedEndYear, targetYear);
    }
}
