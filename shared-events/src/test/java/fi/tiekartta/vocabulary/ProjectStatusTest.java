package fi.tiekartta.vocabulary;

import org.junit.jupiter.api.Test;

import java.util.List;

import static fi.tiekartta.vocabulary.ProjectStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

class ProjectStatusTest {

    @Test
    void leastAdvanced_ofPostponedAndDone_isPostponed_asForHeinolaHv07() {
        assertThat(ProjectStatus.leastAdvanced(List.of(DONE, POSTPONED))).contains(POSTPONED);
    }

    @Test
    void leastAdvanced_ignoresDroppedUnits_whileAnotherUnitDelivers() {
        assertThat(ProjectStatus.leastAdvanced(List.of(NOT_NEEDED, DONE))).contains(DONE);
        assertThat(ProjectStatus.leastAdvanced(List.of(MERGED, IN_PROGRESS))).contains(IN_PROGRESS);
    }

    @Test
    void leastAdvanced_ofOnlyDroppedUnits_isTheirOutcome() {
        assertThat(ProjectStatus.leastAdvanced(List.of(NOT_NEEDED))).contains(NOT_NEEDED);
    }

    @Test
    void leastAdvanced_ofNoUnits_isEmpty() {
        assertThat(ProjectStatus.leastAdvanced(List.of())).isEmpty();
    }

    @Test
    void closedStatuses_areDoneMergedAndNotNeeded() {
        assertThat(List.of(values())).filteredOn(ProjectStatus::isClosed).containsExactlyInAnyOrder(DONE, MERGED, NOT_NEEDED);
    }
}
