package fi.tiekartta.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tiekartta.events.ReportingRoundClosedEvent;
import fi.tiekartta.events.ReportingRoundOpenedEvent;
import fi.tiekartta.testsupport.HttpApi.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The store holds reporting rounds' streams beside the projects'; the audit reads them as streams, not as projects. */
class AuditRoundStreamsTest extends AuditTestBase {

    @Test
    void roundStreamsAreChainedAndVerified_listedAsEvents_butNoProjectToReplay() {
        String project = projectWithHistory(3);
        String round = "kierros-" + UUID.randomUUID();
        appendTo("ReportingRound", round, 0, new ReportingRoundOpenedEvent(round, "Tilinpäätös 2023",
                                                                           LocalDate.of(2023, 12, 31), LocalDate.of(2024, 1, 15)),
                 "koordinaattori", null);
        appendTo("ReportingRound", round, 1, new ReportingRoundClosedEvent(round), "koordinaattori", null);
        awaitProjected(project, 2);
        await().atMost(Duration.ofSeconds(10))
               .until(() -> api().get("/api/reporting-rounds/" + round, AUDITOR).json().path("state").asText().equals("CLOSED"));

        JsonNode report = verify("");
        assertThat(report.get("valid").asBoolean()).as(report.toString()).isTrue();
        JsonNode events = audit("/api/audit/projects/" + round + "/events").json().get("events");
        assertThat(events).hasSize(2);
        assertThat(events.get(0).get("aggregateType").asText()).isEqualTo("ReportingRound");

        Response state = audit("/api/audit/projects/" + round + "/state");
        assertThat(state.status()).isEqualTo(404);
        assertThat(state.json().get("detail").asText()).isEqualTo("There is no project " + round + ".");
        assertThat(audit("/api/audit/projects/" + project + "/state").status()).isEqualTo(200);
    }
}
