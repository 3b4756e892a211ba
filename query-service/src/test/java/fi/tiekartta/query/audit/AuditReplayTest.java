package fi.tiekartta.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tiekartta.testsupport.HttpApi.Response;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project replayed from the stored events equals what the read model answered at each point of its history.
 */
class AuditReplayTest extends AuditTestBase {

    private static final int EVENTS = 9;
    /** Days before, between and after the scenario's effective dates; the last sees every change. */
    private static final List<LocalDate> DAYS = List.of(
            LocalDate.of(2023, 1, 1), REGISTERED_ON, LocalDate.of(2023, 2, 15), LocalDate.of(2023, 3, 1),
            LocalDate.of(2023, 5, 15), LocalDate.of(2023, 6, 1), LocalDate.of(2023, 8, 15), LocalDate.of(2030, 1, 1));

    @Test
    void theReplayAtEverySequence_equalsTheReadModelAsKnownWhenThatEventWasRecorded() {
        String id = projectWithHistory(EVENTS);
        awaitProjected(id, EVENTS - 1);
        JsonNode events = audit("/api/audit/projects/" + id + "/events").json().get("events");

        for (int n = 0; n < EVENTS; n++) {
            String recordedAt = events.get(n).get("recordedAt").asText();
            for (LocalDate day : DAYS) {
                Response readModel = api().get("/api/projects/" + id + "?asOf=" + day + "&knownAt=" + recordedAt,
                                               managementToken());
                Response atSequence = audit("/api/audit/projects/" + id + "/state?atSequence=" + n + "&asOf=" + day);
                Response atInstant = audit("/api/audit/projects/" + id + "/state?knownAt=" + recordedAt + "&asOf=" + day);

                String point = "sequence " + n + " on " + day;
                assertThat(atSequence.status()).as(point).isEqualTo(readModel.status());
                assertThat(atInstant.status()).as(point).isEqualTo(readModel.status());
                if (readModel.status() == 200) {
                    assertThat(atSequence.json()).as(point).isEqualTo(readModel.json());
                    assertThat(atInstant.json()).as(point).isEqualTo(readModel.json());
                }
            }
        }
    }

    @Test
    void theReplayOfTheWholeStream_isTheCurrentView() {
        String id = projectWithHistory(EVENTS);
        awaitProjected(id, EVENTS - 1);

        JsonNode replayed = audit("/api/audit/projects/" + id + "/state?asOf=2030-01-01").json();

        assertThat(replayed).isEqualTo(api().get("/api/projects/" + id + "?asOf=2030-01-01", managementToken()).json());
        assertThat(replayed.get("status").asText()).isEqualTo("POSTPONED");
        assertThat(replayed.get("owner").asText()).isEqualTo("liisa.l");
        assertThat(replayed.get("version").asLong()).isEqualTo(EVENTS - 1);
    }

    @Test
    void aSequenceOutOfRange_orBothPoints_isInvalid_andAnUnknownProjectIsNotFound() {
        String id = projectWithHistory(2);
        String state = "/api/audit/projects/" + id + "/state";

        assertThat(audit(state + "?atSequence=-1").status()).isEqualTo(400);
        assertThat(audit(state + "?atSequence=2").status()).isEqualTo(400);
        assertThat(audit(state + "?atSequence=1&knownAt=2024-01-01T00:00:00Z").status()).isEqualTo(400);
        assertThat(audit(state + "?atSequence=x").status()).isEqualTo(400);
        assertThat(audit("/api/audit/projects/NO-SUCH-2/state").status()).isEqualTo(404);
        assertThat(audit(state + "?knownAt=2000-01-01T00:00:00Z").status()).as("nothing recorded by then").isEqualTo(404);
        assertThat(audit(state + "?atSequence=1&asOf=2022-12-31").status()).as("before registration").isEqualTo(404);
        Response problem = audit(state + "?atSequence=5");
        assertThat(problem.contentType()).startsWith("application/problem+json");
        assertThat(problem.json().get("errors").get(0).get("field").asText()).isEqualTo("atSequence");
    }
}
