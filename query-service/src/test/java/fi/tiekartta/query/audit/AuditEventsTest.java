package fi.tiekartta.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tiekartta.support.eventstore.CanonicalEvent;
import fi.tiekartta.testsupport.HttpApi.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A project's raw event stream, as stored, paged. */
class AuditEventsTest extends AuditTestBase {

    @Test
    void theStream_showsEachEventAsStored_withPayloadAndMetadataAsJson_andItsHash() {
        String id = projectWithHistory(2);

        Response response = audit("/api/audit/projects/" + id + "/events");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("projectId").asText()).isEqualTo(id);
        assertThat(body.get("next").isNull()).isTrue();
        JsonNode change = body.get("events").get(1);
        assertThat(body.get("events")).hasSize(2);
        assertThat(change.get("sequence").asLong()).isEqualTo(1);
        assertThat(change.get("eventId").asText()).isNotBlank();
        assertThat(change.get("type").asText()).isEqualTo("fi.tiekartta.events.ProjectStatusChangedEvent");
        assertThat(change.get("recordedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(change.get("payload").get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(change.get("payload").get("progressPercent").asInt()).isEqualTo(40);
        assertThat(change.get("metadata").get("actor").asText()).isEqualTo("matti.m");
        assertThat(change.get("metadata").get("reason").asText()).isEqualTo("alkoi");
        assertThat(change.get("metadata").get("correlationId").asText()).isEqualTo("test-1");
        assertThat(change.get("hash").asText()).matches("[0-9a-f]{64}");
    }

    @Test
    void theHashesInTheStream_canBeRecomputedFromWhatItShows() {
        String id = projectWithHistory(3);
        String stored = jdbc.queryForObject("SELECT payload FROM event_store.domain_event_entry "
                                            + "WHERE aggregate_identifier = ? AND sequence_number = 2", String.class, id);
        String storedMetaData = jdbc.queryForObject("SELECT meta_data FROM event_store.domain_event_entry "
                                                    + "WHERE aggregate_identifier = ? AND sequence_number = 2", String.class, id);

        JsonNode events = audit("/api/audit/projects/" + id + "/events").json().get("events");
        JsonNode e = events.get(2);

        // The stored text is compact JSON, so the payload shown re-serializes to the very bytes hashed.
        assertThat(e.get("payload").toString()).isEqualTo(stored);
        CanonicalEvent canonical = new CanonicalEvent(events.get(1).get("hash").asText(), e.get("eventId").asText(), id,
                                                      2, e.get("aggregateType").asText(), e.get("type").asText(),
                                                      e.get("revision").asText(), e.get("recordedAt").asText(),
                                                      storedMetaData, e.get("payload").toString());
        assertThat(canonical.hash()).isEqualTo(e.get("hash").asText());
    }

    @Test
    void aLongStream_isPaged_andTheNextLinksWalkItInOrder() {
        String id = projectWithHistory(7);
        List<Long> sequences = new ArrayList<>();
        String next = "/api/audit/projects/" + id + "/events?limit=3";
        int pages = 0;

        while (next != null) {
            JsonNode page = audit(next).json();
            page.get("events").forEach(e -> sequences.add(e.get("sequence").asLong()));
            next = page.get("next").isNull() ? null : page.get("next").asText();
            pages++;
        }

        assertThat(pages).isEqualTo(3);
        assertThat(sequences).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(audit("/api/audit/projects/" + id + "/events?fromSequence=5").json().get("events")).hasSize(2);
    }

    @Test
    void anUnknownProject_isNotFound_andPagingBeyondTheLimits_isInvalid() {
        String id = projectWithHistory(1);

        assertThat(audit("/api/audit/projects/NO-SUCH-1/events").status()).isEqualTo(404);
        assertThat(audit("/api/audit/projects/" + id + "/events?limit=0").status()).isEqualTo(400);
        assertThat(audit("/api/audit/projects/" + id + "/events?limit=" + (AuditController.MAX_LIMIT + 1)).status())
                .isEqualTo(400);
        assertThat(audit("/api/audit/projects/" + id + "/events?fromSequence=-1").status()).isEqualTo(400);
        assertThat(audit("/api/audit/projects/" + id + "/events?fromSequence=9").json().get("events")).isEmpty();
    }
}
