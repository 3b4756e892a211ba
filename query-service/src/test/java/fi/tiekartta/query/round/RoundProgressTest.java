package fi.tiekartta.query.round;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static fi.tiekartta.vocabulary.ProjectStatus.DONE;
import static fi.tiekartta.vocabulary.ProjectStatus.IN_PROGRESS;
import static fi.tiekartta.vocabulary.ProjectStatus.NOT_STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/** Which projects a round covers and which have reported, exactly as docs/ROUNDS.md defines them. */
class RoundProgressTest extends RoundTestBase {

    @Autowired
    private ApplicationContext context;

    private static final LocalDate START = LocalDate.of(1971, 1, 1);
    private static final LocalDate AS_OF = LocalDate.of(1971, 12, 31);

    @Test
    void aRoundCoversTheOpenProjectsOnItsDay_andCountsTheStatusReportsRecordedWhileOpen_effectiveByItsDay() {
        String owner = newOwner();
        String reportsInRound = register("TEKNIIKKA", owner, START);
        String doneBefore = register("TEKNIIKKA", owner, START);
        report(doneBefore, DONE, LocalDate.of(1971, 5, 1));
        String silent = register("HYVINVOINTI", owner, START);
        String registeredAfterAsOf = register("TEKNIIKKA", owner, AS_OF.plusDays(10));
        String reportedBeforeOpening = register("HYVINVOINTI", owner, START);
        report(reportedBeforeOpening, IN_PROGRESS, LocalDate.of(1971, 6, 1));
        String reportsTooLate = register("TEKNIIKKA", owner, START);
        String corrects = register("HYVINVOINTI", owner, START);
        String earlier = report(corrects, IN_PROGRESS, LocalDate.of(1971, 3, 1));
        String confirms = register("TEKNIIKKA", owner, START);
        String retracted = register("HYVINVOINTI", owner, START);
        knownNow(reportsInRound, doneBefore, silent, registeredAfterAsOf, reportedBeforeOpening, reportsTooLate, corrects,
                 confirms, retracted);

        String roundId = openRound("Tilinpäätös 1971", AS_OF, LocalDate.of(1972, 1, 15));
        report(reportsInRound, IN_PROGRESS, AS_OF);
        report(reportsTooLate, IN_PROGRESS, AS_OF.plusDays(1));
        correct(corrects, earlier, IN_PROGRESS, LocalDate.of(1971, 2, 1));
        report(confirms, NOT_STARTED, AS_OF.minusMonths(1));
        retract(retracted, report(retracted, IN_PROGRESS, AS_OF));
        knownNow(reportsInRound, reportsTooLate, corrects, confirms, retracted);

        JsonNode open = round(roundId);
        assertThat(open.get("state").asText()).isEqualTo("OPEN");
        assertThat(open.get("title").asText()).isEqualTo("Tilinpäätös 1971");
        assertThat(open.get("asOf").asText()).isEqualTo("1971-12-31");
        assertThat(open.get("dueDate").asText()).isEqualTo("1972-01-15");
        assertThat(open.get("openedBy").asText()).isEqualTo("koordinaattori");
        assertThat(open.get("closedAt").isNull()).isTrue();
        assertThat(ids(open)).containsExactlyInAnyOrder(reportsInRound, silent, reportedBeforeOpening, reportsTooLate,
                                                         corrects, confirms, retracted);
        assertThat(reported(open)).as("a retracted report does not count")
                                  .containsExactlyInAnyOrder(reportsInRound, corrects, confirms);
        assertThat(open.get("reported").asInt()).isEqualTo(3);
        assertThat(open.get("missing").asInt()).isEqualTo(4);
        JsonNode reported = project(open, reportsInRound);
        assertThat(reported.get("owner").asText()).isEqualTo(owner);
        assertThat(reported.get("sector").asText()).isEqualTo("TEKNIIKKA");
        assertThat(reported.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(reported.get("reportedAt").asText()).isGreaterThan(open.get("openedAt").asText());
        assertThat(project(open, silent).get("reportedAt").isNull()).isTrue();
        assertThat(sector(open, "TEKNIIKKA")).isEqualTo(List.of(2, 1));
        assertThat(sector(open, "HYVINVOINTI")).isEqualTo(List.of(1, 3));

        closeRound(roundId);
        report(silent, IN_PROGRESS, AS_OF);
        knownNow(silent);

        JsonNode closed = round(roundId);
        assertThat(closed.get("state").asText()).isEqualTo("CLOSED");
        assertThat(closed.get("closedBy").asText()).isEqualTo("paallikko");
        assertThat(reported(closed)).as("a report after the round closed does not count")
                                    .containsExactlyInAnyOrder(reportsInRound, corrects, confirms);
        assertThat(project(closed, silent).get("status").asText()).as("as known when the round closed")
                                                                 .isEqualTo("NOT_STARTED");
    }

    @Test
    void roundsAreListedNewestFirst_andAnUnknownRoundIs404ProblemJson() {
        String first = openRound("Puolivuotis 1973", LocalDate.of(1973, 6, 30), LocalDate.of(1973, 8, 15));
        String second = openRound("Tilinpäätös 1973", LocalDate.of(1973, 12, 31), LocalDate.of(1974, 1, 15));

        JsonNode list = api().get("/api/reporting-rounds", managementToken()).json().get("rounds");
        List<String> order = new ArrayList<>();
        list.forEach(r -> order.add(r.get("roundId").asText()));
        assertThat(order.indexOf(second)).isNotNegative().isLessThan(order.indexOf(first));

        Response unknown = api().get("/api/reporting-rounds/ei-ole", COORDINATOR);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anOwnerSeesTheirOwnProjectsStillMissingInOpenRounds_andNoRoundsOnceClosed() {
        String owner = newOwner();
        String other = newOwner();
        LocalDate start = LocalDate.of(1975, 1, 1);
        String mineMissing = register("TEKNIIKKA", owner, start);
        String mineReported = register("TEKNIIKKA", owner, start);
        String theirs = register("TEKNIIKKA", other, start);
        knownNow(mineMissing, mineReported, theirs);
        String roundId = openRound("Tilinpäätös 1975", LocalDate.of(1975, 12, 31), LocalDate.of(1976, 1, 15));
        report(mineReported, IN_PROGRESS, LocalDate.of(1975, 12, 31));
        knownNow(mineReported);

        String token = TestTokens.mint(owner, "OWNER");
        JsonNode rounds = api().get("/api/me/reporting", token).json().get("rounds");
        JsonNode mine = StreamSupport.stream(rounds.spliterator(), false)
                                     .filter(r -> r.get("roundId").asText().equals(roundId)).findFirst().orElseThrow();
        assertThat(mine.get("asOf").asText()).isEqualTo("1975-12-31");
        assertThat(mine.get("dueDate").asText()).isEqualTo("1976-01-15");
        assertThat(mine.get("missing")).hasSize(1);
        assertThat(mine.get("missing").get(0).get("projectId").asText()).isEqualTo(mineMissing);
        assertThat(mine.get("missing").get(0).get("status").asText()).isEqualTo("NOT_STARTED");
        assertThat(mine.get("missing").get(0).get("title").asText()).isEqualTo("Hanke " + mineMissing);

        assertThat(api().get("/api/reporting-rounds", token).status()).as("owners do not see the coordinators' view")
                                                                      .isEqualTo(403);
        closeRound(roundId);
        assertThat(api().get("/api/me/reporting", token).json().get("rounds")).isEmpty();
    }

    @Test
    void theListCountsAsTheRoundDoes_andBothMoveWithEachReportWhileOpen_andNotOnceClosed() {
        String owner = newOwner();
        LocalDate start = LocalDate.of(1985, 1, 1);
        LocalDate asOf = LocalDate.of(1985, 12, 31);
        String first = register("TEKNIIKKA", owner, start);
        String second = register("HYVINVOINTI", owner, start);
        String doneBefore = register("TEKNIIKKA", owner, start);
        report(doneBefore, DONE, LocalDate.of(1985, 5, 1));
        knownNow(first, second, doneBefore);
        String roundId = openRound("Tilinpäätös 1985", asOf, LocalDate.of(1986, 1, 15));
        String token = TestTokens.mint(owner, "OWNER");
        // The round covers the earlier years' projects of other tests as well: what is asserted is how it moves.
        JsonNode opened = round(roundId);
        assertThat(ids(opened)).contains(first, second).doesNotContain(doneBefore);
        List<Integer> before = counts(opened);
        assertThat(listed(roundId)).isEqualTo(before);
        assertThat(missingOf(token, roundId)).containsExactlyInAnyOrder(first, second);

        report(first, IN_PROGRESS, asOf);
        knownNow(first);
        List<Integer> afterReport = List.of(before.get(0) + 1, before.get(1) - 1);
        assertThat(listed(roundId)).as("asked again after a report").isEqualTo(afterReport);
        assertThat(counts(round(roundId))).isEqualTo(afterReport);
        assertThat(missingOf(token, roundId)).containsExactly(second);

        closeRound(roundId);
        report(second, IN_PROGRESS, asOf);
        knownNow(second);
        assertThat(listed(roundId)).as("a report after the closing").isEqualTo(afterReport);
        assertThat(counts(round(roundId))).isEqualTo(afterReport);
    }

    @Test
    void withoutAnSmtpServerConfigured_noReminderIsEverSent() {
        assertThat(context.getBeanProvider(ReminderJob.class).getIfAvailable()).isNull();
    }

    /** [reported, missing] of the round as GET /api/reporting-rounds lists it. */
    private List<Integer> listed(String roundId) {
        JsonNode list = api().get("/api/reporting-rounds", managementToken()).json().get("rounds");
        JsonNode round = StreamSupport.stream(list.spliterator(), false)
                                      .filter(r -> r.get("roundId").asText().equals(roundId)).findFirst().orElseThrow();
        return counts(round);
    }

    private static List<Integer> counts(JsonNode round) {
        return List.of(round.get("reported").asInt(), round.get("missing").asInt());
    }

    /** The ids GET /api/me/reporting lists as missing in the round for the token's owner. */
    private List<String> missingOf(String token, String roundId) {
        JsonNode rounds = api().get("/api/me/reporting", token).json().get("rounds");
        List<String> ids = new ArrayList<>();
        StreamSupport.stream(rounds.spliterator(), false).filter(r -> r.get("roundId").asText().equals(roundId))
                     .forEach(r -> r.get("missing").forEach(p -> ids.add(p.get("projectId").asText())));
        return ids;
    }

    private static List<String> ids(JsonNode round) {
        List<String> ids = new ArrayList<>();
        round.get("projects").forEach(p -> ids.add(p.get("projectId").asText()));
        return ids;
    }

    private static List<String> reported(JsonNode round) {
        List<String> ids = new ArrayList<>();
        round.get("projects").forEach(p -> {
            if (p.get("reported").asBoolean()) {
                ids.add(p.get("projectId").asText());
            }
        });
        return ids;
    }

    /** [reported, missing] of a sector. */
    private static List<Integer> sector(JsonNode round, String code) {
        JsonNode sector = StreamSupport.stream(round.get("sectors").spliterator(), false)
                                       .filter(s -> s.get("sector").asText().equals(code)).findFirst().orElseThrow();
        return List.of(sector.get("reported").asInt(), sector.get("missing").asInt());
    }
}
