package fi.tiekartta.query.projects;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tiekartta.events.ProjectOwnerAssignedEvent;
import fi.tiekartta.events.ProjectRegisteredEvent;
import fi.tiekartta.events.ProjectStatusChangedEvent;
import fi.tiekartta.events.StatusChangeCorrectedEvent;
import fi.tiekartta.events.StatusChangeRetractedEvent;
import fi.tiekartta.query.QueryServiceTestBase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static fi.tiekartta.vocabulary.ProjectStatus.DONE;
import static fi.tiekartta.vocabulary.ProjectStatus.IN_PROGRESS;
import static fi.tiekartta.vocabulary.ProjectStatus.NOT_STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Corrections, retractions and owner assignments as the views and the history show them. */
class CorrectionViewsTest extends QueryServiceTestBase {

    private static final LocalDate DAY = LocalDate.of(2023, 12, 31);

    @Test
    void aCorrection_showsInTheView_whileTheHistoryKeepsBothAndLinksThem() throws InterruptedException {
        String id = newProjectId();
        append(id, 0, registration(id), "koordinaattori", null);
        append(id, 1, new ProjectStatusChangedEvent(id, "c1", IN_PROGRESS, NOT_STARTED, DAY, 60, null, null, null,
                                                    "60 % TEHTY"), "matti.m", null);
        awaitVersion(id, 1);
        Instant beforeTheCorrection = Instant.now();
        Thread.sleep(5); // recorded times are milliseconds

        append(id, 2, new StatusChangeCorrectedEvent(id, "f1", "c1", IN_PROGRESS, DAY, 70, null, null, null,
                                                     "70 % TEHTY"), "koordinaattori", "luku oli väärin");
        JsonNode view = awaitVersion(id, 2);

        assertThat(view.get("progressPercent").asInt()).isEqualTo(70);
        assertThat(view.get("note").asText()).isEqualTo("70 % TEHTY");
        JsonNode known = api().get("/api/projects/" + id + "?asOf=" + DAY + "&knownAt=" + beforeTheCorrection,
                                   managementToken()).json();
        assertThat(known.get("progressPercent").asInt()).as("what was known before the correction").isEqualTo(60);

        JsonNode changes = api().get("/api/projects/" + id + "/history", managementToken()).json().get("changes");
        assertThat(changes).hasSize(3);
        assertThat(changes.get(1).get("progressPercent").asInt()).isEqualTo(60);
        assertThat(changes.get(1).get("supersededBy").asText()).isEqualTo("f1");
        assertThat(changes.get(2).get("type").asText()).isEqualTo("CORRECTED");
        assertThat(changes.get(2).get("corrects").asText()).isEqualTo("c1");
        assertThat(changes.get(2).get("reason").asText()).isEqualTo("luku oli väärin");
    }

    @Test
    void aRetractedChange_disappearsFromTheViews_butNotFromTheHistory() {
        String id = newProjectId();
        append(id, 0, registration(id), "koordinaattori", null);
        append(id, 1, new ProjectStatusChangedEvent(id, "c1", DONE, NOT_STARTED, DAY, null, null, null, null, null),
               "matti.m", null);
        append(id, 2, new StatusChangeRetractedEvent(id, "r1", "c1"), "koordinaattori", "väärä hanke");

        JsonNode view = awaitVersion(id, 2);

        assertThat(view.get("status").asText()).isEqualTo("NOT_STARTED");
        JsonNode changes = api().get("/api/projects/" + id + "/history", managementToken()).json().get("changes");
        assertThat(changes.get(1).get("status").asText()).isEqualTo("DONE");
        assertThat(changes.get(2).get("type").asText()).isEqualTo("RETRACTED");
        assertThat(changes.get(2).get("corrects").asText()).isEqualTo("c1");
    }

    @Test
    void aNewOwner_showsFromTheAssignmentsEffectiveDate() {
        String id = newProjectId();
        append(id, 0, registration(id), "koordinaattori", null);
        append(id, 1, new ProjectOwnerAssignedEvent(id, "o1", "liisa.l", "matti.m", LocalDate.of(2024, 3, 1)),
               "koordinaattori", "vastuunjako");
        awaitVersion(id, 1);

        assertThat(api().get("/api/projects/" + id + "?asOf=2024-02-29", managementToken()).json().get("owner").asText())
                .isEqualTo("matti.m");
        assertThat(api().get("/api/projects/" + id + "?asOf=2024-03-01", managementToken()).json().get("owner").asText())
                .isEqualTo("liisa.l");
        JsonNode assignment = api().get("/api/projects/" + id + "/history", managementToken()).json().at("/changes/1");
        assertThat(assignment.get("type").asText()).isEqualTo("OWNER_ASSIGNED");
        assertThat(assignment.at("/details/owner").asText()).isEqualTo("liisa.l");
    }

    private JsonNode awaitVersion(String id, long version) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            var response = api().get("/api/projects/" + id + "?asOf=" + DAY, managementToken());
            last[0] = response.status() == 200 ? response.json() : null;
            return last[0] != null && last[0].get("version").asLong() == version;
        });
        return last[0];
    }

    private static ProjectRegisteredEvent registration(String id) {
        return new ProjectRegisteredEvent(id, "reg-" + id, "TEKNIIKKA", "Vesimittarit", "matti.m", 2022, 2025, null, DAY);
    }
}
