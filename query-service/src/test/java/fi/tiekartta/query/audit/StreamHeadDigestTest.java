package fi.tiekartta.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tiekartta.events.ProjectOwnerAssignedEvent;
import fi.tiekartta.support.eventstore.EventStoreTables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report's digest comes from the stream heads the store keeps at every insert; the verification recomputes
 * every chain from the events. On an untouched store both say the same at every instant; a head or last event
 * changed behind the store's back is what the verification catches.
 */
class StreamHeadDigestTest extends AuditTestBase {

    private static final String EVENTS = EventStoreTables.DOMAIN_EVENTS;
    private static final String HEADS = EventStoreTables.STREAM_HEADS;

    @Autowired
    private EventLogDigest eventLogDigest;

    @Test
    void theDigestFromHeads_equalsTheDigestRecomputedFromEveryEvent_atEveryInstant_beforeAndAfterMoreAppends() {
        List<Instant> instants = new ArrayList<>();
        instants.add(Instant.parse("2000-01-01T00:00:00Z"));
        String first = projectWithHistory(4);
        instants.add(Instant.now());
        pause();
        String second = projectWithHistory(2);
        instants.add(Instant.now());
        pause();
        append(first, 4, new ProjectOwnerAssignedEvent(first, "o7", "liisa.l", "matti.m", REGISTERED_ON), "koordinaattori", null);
        pause();
        instants.add(Instant.now());
        append(second, 2, new ProjectOwnerAssignedEvent(second, "o8", "liisa.l", "matti.m", REGISTERED_ON), "koordinaattori", null);
        pause();
        instants.add(Instant.now());

        // Exactly at, and just before, each recording time of these streams: the heads walked back to each event.
        for (String time : jdbc.queryForList("SELECT time_stamp FROM " + EVENTS + " WHERE aggregate_identifier IN (?, ?)",
                                             String.class, first, second)) {
            instants.add(Instant.parse(time));
            instants.add(Instant.parse(time).minusNanos(1000));
        }
        for (Instant knownAt : instants) {
            JsonNode recomputed = verify("?knownAt=" + knownAt);
            assertThat(eventLogDigest.digestAt(knownAt)).as("at %s", knownAt).isEqualTo(recomputed.get("digest").asText());
        }
    }

    @Test
    void everyStream_hasItsLastEventAsHead() {
        String id = projectWithHistory(3);

        assertThat(jdbc.queryForMap("SELECT last_sequence, last_hash, last_global_index FROM " + HEADS + " WHERE aggregate_identifier = ?", id))
                .isEqualTo(jdbc.queryForMap("SELECT sequence_number AS last_sequence, event_hash AS last_hash, global_index AS last_global_index"
                                            + " FROM " + EVENTS + " WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1", id));
    }

    @Test
    void aTamperedHead_changesTheReportsDigest_andTheVerificationDoesNotMatchIt() {
        String id = projectWithHistory(3);
        Instant knownAt = Instant.now();
        String honest = eventLogDigest.digestAt(knownAt);

        try (Tampering ignored = tamper(id).sql("UPDATE " + HEADS + " SET last_hash = repeat('0', 64) WHERE aggregate_identifier = ?", id)) {
            String fromTamperedHeads = eventLogDigest.digestAt(knownAt);
            JsonNode report = verify("?knownAt=" + knownAt + "&digest=" + fromTamperedHeads);

            assertThat(fromTamperedHeads).isNotEqualTo(honest);
            assertThat(report.get("digest").asText()).isEqualTo(honest);
            assertThat(report.get("matchesPublishedDigest").asBoolean()).isFalse();
        }
        assertThat(eventLogDigest.digestAt(knownAt)).as("restored").isEqualTo(honest);
    }

    @Test
    void aDeletedLastEvent_leavesTheHeadStanding_andTheVerificationCatchesIt() {
        String id = projectWithHistory(3);
        Instant knownAt = Instant.now();
        String published = eventLogDigest.digestAt(knownAt);

        try (Tampering ignored = tamper(id).sql("DELETE FROM " + EVENTS + " WHERE aggregate_identifier = ? AND sequence_number = 2", id)) {
            JsonNode report = verify("?knownAt=" + knownAt + "&digest=" + published);

            assertThat(report.get("matchesPublishedDigest").asBoolean()).isFalse();
            assertThat(report.get("digest").asText()).isNotEqualTo(eventLogDigest.digestAt(knownAt));
        }
    }
}
