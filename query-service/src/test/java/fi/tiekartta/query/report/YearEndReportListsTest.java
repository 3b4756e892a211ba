package fi.tiekartta.query.report;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tiekartta.query.roadmap.ProjectIdOrder;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static fi.tiekartta.vocabulary.ProjectStatus.DONE;
import static fi.tiekartta.vocabulary.ProjectStatus.IN_PROGRESS;
import static fi.tiekartta.vocabulary.ProjectStatus.MERGED;
import static fi.tiekartta.vocabulary.ProjectStatus.NOT_NEEDED;
import static fi.tiekartta.vocabulary.ProjectStatus.NOT_STARTED;
import static fi.tiekartta.vocabulary.ProjectStatus.PLANNED;
import static fi.tiekartta.vocabulary.ProjectStatus.POSTPONED;
import static fi.tiekartta.vocabulary.ProjectStatus.WAITING;
import static org.assertj.core.api.Assertions.assertThat;

/** Each list of the year-end report, proven by projects that belong in it and projects that only look as if. */
class YearEndReportListsTest extends YearEndTestBase {

    private static final int YEAR = 2004;

    @Test
    void started_listsFirstStartsDuringTheYear_only() {
        String planned = register("TEKNIIKKA", day("2003-05-01"), 2006);
        change(planned, PLANNED, day("2004-02-01"));
        change(planned, IN_PROGRESS, day("2004-05-01"));
        String startedEarlier = register("TEKNIIKKA", day("2003-05-01"), 2006);
        change(startedEarlier, IN_PROGRESS, day("2003-06-01"));
        change(startedEarlier, DONE, day("2004-03-01"));
        String reopened = register("TEKNIIKKA", day("2003-01-01"), 2006);
        change(reopened, DONE, day("2003-06-01"));
        change(reopened, IN_PROGRESS, day("2004-02-01"));
        String firstKnownInProgress = register("TEKNIIKKA", day("2004-03-01"), 2006);
        change(firstKnownInProgress, IN_PROGRESS, day("2004-03-01"));
        // begun two segments before the year, waiting when it starts: resuming is not starting
        String pausedBeforeTheYear = register("TEKNIIKKA", day("2003-01-01"), 2006);
        change(pausedBeforeTheYear, IN_PROGRESS, day("2003-03-01"));
        change(pausedBeforeTheYear, WAITING, day("2003-09-01"));
        change(pausedBeforeTheYear, IN_PROGRESS, day("2004-04-01"));
        JsonNode report = report(YEAR, knownNow(planned, startedEarlier, reopened, firstKnownInProgress, pausedBeforeTheYear));

        assertThat(list(report, "TEKNIIKKA", "started")).contains(planned)
                                                        .doesNotContain(startedEarlier, reopened, firstKnownInProgress,
                                                                        pausedBeforeTheYear);
        assertThat(list(report, "TEKNIIKKA", "completed")).contains(startedEarlier).doesNotContain(planned, reopened);
    }

    @Test
    void postponed_listsEachPostponement_fromTheExpectedYear_toTheNewTarget() {
        String fromPlan = register("HYVINVOINTI", day("2003-01-01"), 2004);
        change(fromPlan, IN_PROGRESS, day("2003-03-01"));
        postpone(fromPlan, day("2004-06-01"), 2006);
        String again = register("HYVINVOINTI", day("2002-01-01"), 2003);
        postpone(again, day("2003-01-01"), 2005);
        postpone(again, day("2004-09-01"), 2007);
        String broughtForward = register("HYVINVOINTI", day("2002-01-01"), 2003);
        postpone(broughtForward, day("2003-01-01"), 2007);
        postpone(broughtForward, day("2004-09-01"), 2006);
        JsonNode report = report(YEAR, knownNow(fromPlan, again, broughtForward));

        JsonNode postponed = sector(report, "HYVINVOINTI").get("postponed");
        assertThat(entry(postponed, fromPlan).get("fromYear").asInt()).isEqualTo(2004);
        assertThat(entry(postponed, fromPlan).get("toYear").asInt()).isEqualTo(2006);
        assertThat(entry(postponed, again).get("fromYear").asInt()).isEqualTo(2005);
        assertThat(entry(postponed, again).get("toYear").asInt()).isEqualTo(2007);
        assertThat(ids(postponed)).doesNotContain(broughtForward);
        assertThat(list(report, "HYVINVOINTI", "overdue")).as("planned for 2004, postponed").contains(fromPlan);
    }

    @Test
    void dropped_listsWorkThatBecameNotNeededOrMerged_duringTheYear() {
        String notNeeded = register("KAUPUNKI", day("2003-01-01"), 2005);
        change(notNeeded, NOT_NEEDED, day("2004-04-01"));
        String merged = register("KAUPUNKI", day("2003-01-01"), 2005);
        change(merged, MERGED, day("2004-10-01"));
        String droppedEarlier = register("KAUPUNKI", day("2003-01-01"), 2003);
        change(droppedEarlier, NOT_NEEDED, day("2003-10-01"));
        JsonNode report = report(YEAR, knownNow(notNeeded, merged, droppedEarlier));

        assertThat(list(report, "KAUPUNKI", "dropped")).contains(notNeeded, merged).doesNotContain(droppedEarlier);
        assertThat(list(report, "KAUPUNKI", "overdue")).as("dropped work is never overdue").doesNotContain(droppedEarlier);
    }

    @Test
    void overdue_listsOpenWorkPlannedToEndByTheYear_onTheLastDayOfIt() {
        String late = register("LUPA_JA_VALVONTA", day("2003-01-01"), 2004);
        change(late, IN_PROGRESS, day("2003-02-01"));
        String justInTime = register("LUPA_JA_VALVONTA", day("2003-01-01"), 2004);
        change(justInTime, DONE, day("2004-12-31"));
        String notYetDue = register("LUPA_JA_VALVONTA", day("2003-01-01"), 2005);
        change(notYetDue, IN_PROGRESS, day("2003-02-01"));
        String afterTheYear = register("LUPA_JA_VALVONTA", day("2005-01-01"), 2004);
        JsonNode report = report(YEAR, knownNow(late, justInTime, notYetDue, afterTheYear));

        assertThat(list(report, "LUPA_JA_VALVONTA", "overdue")).contains(late).doesNotContain(justInTime, notYetDue);
        assertThat(list(report, "LUPA_JA_VALVONTA", "completed")).contains(justInTime);
        assertThat(everywhere(report, "overdue")).as("not on the roadmap on 31.12.").doesNotContain(afterTheYear);
    }

    @Test
    void countsByStatus_areThoseOnTheLastDay_perSectorAndInTotal_andListsAreInIdOrder() {
        Instant before = knownNow();
        String a = register("ELINVOIMA", day("2004-01-05"), 2005);
        change(a, IN_PROGRESS, day("2004-03-01"));
        change(a, DONE, day("2004-12-31"));
        String b = register("ELINVOIMA", day("2004-01-05"), 2005);
        change(b, IN_PROGRESS, day("2004-03-01"));
        String c = register("ELINVOIMA", day("2004-01-05"), 2005);
        change(c, IN_PROGRESS, day("2004-03-01"));
        change(c, NOT_STARTED, day("2005-01-01")); // after the year: does not count
        Instant after = knownNow(a, b, c);

        JsonNode baseline = report(YEAR, before);
        JsonNode report = report(YEAR, after);

        assertThat(report.get("year").asInt()).isEqualTo(YEAR);
        assertThat(report.get("asOf").asText()).isEqualTo("2004-12-31");
        assertThat(report.get("digest").asText()).startsWith("sha256:");
        JsonNode counts = sector(report, "ELINVOIMA").get("countsByStatus");
        JsonNode counted = sector(baseline, "ELINVOIMA").get("countsByStatus");
        assertThat(count(counts, DONE) - count(counted, DONE)).isEqualTo(1);
        assertThat(count(counts, IN_PROGRESS) - count(counted, IN_PROGRESS)).isEqualTo(2);
        assertThat(count(report.get("countsByStatus"), IN_PROGRESS) - count(baseline.get("countsByStatus"), IN_PROGRESS)).isEqualTo(2);
        assertThat(count(report.get("countsByStatus"), POSTPONED)).isEqualTo(count(baseline.get("countsByStatus"), POSTPONED));
        List<String> started = list(report, "ELINVOIMA", "started");
        assertThat(started).contains(a, b, c).isSortedAccordingTo(ProjectIdOrder.NATURAL);
        assertThat(sector(report, "ELINVOIMA").get("label").asText()).isEqualTo("Elinvoimatoimiala");
    }

    private static JsonNode entry(JsonNode postponed, String id) {
        for (JsonNode e : postponed) {
            if (e.get("projectId").asText().equals(id)) {
                return e;
            }
        }
        throw new AssertionError(id + " is not in " + postponed);
    }

    private static LocalDate day(String iso) {
        return LocalDate.parse(iso);
    }
}
