package fi.tiekartta.query.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static fi.tiekartta.vocabulary.ProjectStatus.DONE;
import static fi.tiekartta.vocabulary.ProjectStatus.IN_PROGRESS;
import static fi.tiekartta.vocabulary.ProjectStatus.NOT_NEEDED;
import static fi.tiekartta.vocabulary.ProjectStatus.NOT_STARTED;
import static fi.tiekartta.vocabulary.ProjectStatus.POSTPONED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backdated changes, corrections and retractions move the year-end report from the moment they are recorded,
 * and leave what a report made before them said as it was.
 */
class YearEndTimeTravelTest extends YearEndTestBase {

    private static final int YEAR = 2005;

    @Test
    void aBackdatedCompletion_entersTheReport_onlyForKnowledgeAfterItWasRecorded() {
        String id = register("TEKNIIKKA", LocalDate.of(2005, 1, 10), 2006);
        change(id, IN_PROGRESS, LocalDate.of(2005, 3, 1));
        Instant beforeTheLateReport = knownNow(id);
        byte[] publishedThen = reportBytes(YEAR, beforeTheLateReport, "application/json").body();

        change(id, DONE, LocalDate.of(2005, 11, 1)); // reported in the next year, effective in this one
        Instant afterIt = knownNow(id);

        JsonNode then = report(YEAR, beforeTheLateReport);
        JsonNode now = report(YEAR, afterIt);
        assertThat(list(then, "TEKNIIKKA", "completed")).doesNotContain(id);
        assertThat(list(now, "TEKNIIKKA", "completed")).contains(id);
        assertThat(list(then, "TEKNIIKKA", "started")).contains(id);
        assertThat(list(now, "TEKNIIKKA", "started")).contains(id);
        assertThat(count(sector(now, "TEKNIIKKA").get("countsByStatus"), DONE)
                   - count(sector(then, "TEKNIIKKA").get("countsByStatus"), DONE)).isEqualTo(1);
        assertThat(count(sector(now, "TEKNIIKKA").get("countsByStatus"), IN_PROGRESS)
                   - count(sector(then, "TEKNIIKKA").get("countsByStatus"), IN_PROGRESS)).isEqualTo(-1);
        assertThat(reportBytes(YEAR, beforeTheLateReport, "application/json").body())
                .as("what was published before the late report").isEqualTo(publishedThen);
    }

    @Test
    void aCorrectedEffectiveDate_movesTheCompletionToTheNextYearsReport() {
        String id = register("ELINVOIMA", LocalDate.of(2005, 1, 10), 2005);
        String done = change(id, DONE, LocalDate.of(2005, 11, 1));
        Instant beforeTheCorrection = knownNow(id);

        correct(id, done, DONE, LocalDate.of(2006, 1, 10), null);
        Instant afterIt = knownNow(id);

        JsonNode then = report(YEAR, beforeTheCorrection);
        JsonNode now = report(YEAR, afterIt);
        assertThat(list(then, "ELINVOIMA", "completed")).contains(id);
        assertThat(list(then, "ELINVOIMA", "overdue")).doesNotContain(id);
        assertThat(list(now, "ELINVOIMA", "completed")).doesNotContain(id);
        assertThat(list(now, "ELINVOIMA", "overdue")).as("not done by 31.12.2005 after all").contains(id);
        assertThat(count(sector(now, "ELINVOIMA").get("countsByStatus"), NOT_STARTED)
                   - count(sector(then, "ELINVOIMA").get("countsByStatus"), NOT_STARTED)).isEqualTo(1);
        JsonNode nextYear = report(YEAR + 1, afterIt);
        assertThat(list(nextYear, "ELINVOIMA", "completed")).contains(id);
        assertThat(list(nextYear, "ELINVOIMA", "started")).contains(id);
    }

    @Test
    void aCorrectedTargetYear_changesThePostponement() {
        String id = register("HYVINVOINTI", LocalDate.of(2005, 1, 10), 2005);
        String postponement = postpone(id, LocalDate.of(2005, 8, 1), 2006);
        Instant beforeTheCorrection = knownNow(id);

        correct(id, postponement, POSTPONED, LocalDate.of(2005, 8, 1), 2008);
        Instant afterIt = knownNow(id);

        assertThat(postponementOf(report(YEAR, beforeTheCorrection), id).get("toYear").asInt()).isEqualTo(2006);
        assertThat(postponementOf(report(YEAR, afterIt), id).get("toYear").asInt()).isEqualTo(2008);
        assertThat(postponementOf(report(YEAR, afterIt), id).get("fromYear").asInt()).isEqualTo(2005);
    }

    @Test
    void aRetractedDrop_leavesTheReport_fromTheMomentItWasRetracted() {
        String id = register("KAUPUNKI", LocalDate.of(2005, 1, 10), 2007);
        String mistaken = change(id, NOT_NEEDED, LocalDate.of(2005, 6, 1));
        Instant beforeTheRetraction = knownNow(id);

        retract(id, mistaken);
        Instant afterIt = knownNow(id);

        JsonNode then = report(YEAR, beforeTheRetraction);
        JsonNode now = report(YEAR, afterIt);
        assertThat(list(then, "KAUPUNKI", "dropped")).contains(id);
        assertThat(list(now, "KAUPUNKI", "dropped")).doesNotContain(id);
        assertThat(count(sector(now, "KAUPUNKI").get("countsByStatus"), NOT_NEEDED)
                   - count(sector(then, "KAUPUNKI").get("countsByStatus"), NOT_NEEDED)).isEqualTo(-1);
    }

    @Test
    void aRevisedPlannedEndYear_decidesWhatIsOverdue_fromItsEffectiveDate() {
        String id = register("LUPA_JA_VALVONTA", LocalDate.of(2005, 1, 10), 2005);
        change(id, IN_PROGRESS, LocalDate.of(2005, 2, 1));
        Instant beforeTheRevision = knownNow(id);

        revisePlannedEnd(id, LocalDate.of(2005, 12, 1), 2007);
        Instant afterIt = knownNow(id);

        assertThat(list(report(YEAR, beforeTheRevision), "LUPA_JA_VALVONTA", "overdue")).contains(id);
        assertThat(list(report(YEAR, afterIt), "LUPA_JA_VALVONTA", "overdue")).doesNotContain(id);
        assertThat(ids(sector(report(YEAR, afterIt), "LUPA_JA_VALVONTA").get("postponed")))
                .as("a revised plan is not a postponement").doesNotContain(id);
    }

    private static JsonNode postponementOf(JsonNode report, String id) {
        for (JsonNode entry : report.get("sectors").findValues("postponed")) {
            for (JsonNode e : entry) {
                if (e.get("projectId").asText().equals(id)) {
                    return e;
                }
            }
        }
        throw new AssertionError(id + " was not postponed in " + report);
    }
}
