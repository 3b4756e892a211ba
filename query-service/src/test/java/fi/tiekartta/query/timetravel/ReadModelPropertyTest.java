package fi.tiekartta.query.timetravel;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tiekartta.events.ProjectRegisteredEvent;
import fi.tiekartta.query.QueryServiceTestBase;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.vocabulary.ProjectStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random histories, appended to the real event store in random effective-date order and projected by the
 * running processor: on every interesting day, and as known after every step, the read model answers what the
 * naive fold of the events known by then gives.
 */
class ReadModelPropertyTest extends QueryServiceTestBase {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233})
    void theReadModelAgreesWithTheNaiveFold_onEveryDay_asKnownAfterEveryStep(long seed) {
        RandomHistory history = RandomHistory.generate(seed);
        String id = newProjectId();
        List<Instant> knownAfter = appendAll(id, history);
        awaitProjectedVersion(id, history.steps().size());

        for (int known = 0; known <= history.steps().size(); known++) {
            for (LocalDate day : history.interestingDays()) {
                Response response = api().get("/api/projects/" + id + "?asOf=" + day + "&knownAt=" + knownAfter.get(known),
                                              managementToken());
                Optional<NaiveFold.Expected> expected = NaiveFold.on(history, known, day);
                assertThat(shown(response)).as("seed %d, %d steps known, day %s", seed, known, day).isEqualTo(expected);
            }
        }
    }

    private static Optional<NaiveFold.Expected> shown(Response response) {
        if (response.status() == 404) {
            return Optional.empty();
        }
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode view = response.json();
        Map<String, ProjectStatus> units = new TreeMap<>();
        view.get("units").forEach(u -> units.put(u.get("unit").asText(), ProjectStatus.valueOf(u.get("status").asText())));
        return Optional.of(new NaiveFold.Expected(ProjectStatus.valueOf(view.get("status").asText()), units));
    }

    /** Appends the history; element i of the answer is an instant by which exactly i steps were recorded. */
    private List<Instant> appendAll(String id, RandomHistory history) {
        List<Instant> knownAfter = new ArrayList<>();
        append(id, 0, new ProjectRegisteredEvent(id, "reg", "TEKNIIKKA", "Hanke", "matti.m", 2021, 2024, null,
                                                 history.registeredOn()), "koordinaattori", null);
        knownAfter.add(pauseBetweenEvents());
        long sequence = 1;
        for (RandomHistory.Step step : history.steps()) {
            append(id, sequence++, RandomHistory.event(id, step), "koordinaattori", "testi");
            knownAfter.add(pauseBetweenEvents());
        }
        return knownAfter;
    }
}
