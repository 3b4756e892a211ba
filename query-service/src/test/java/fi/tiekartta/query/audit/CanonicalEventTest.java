package fi.tiekartta.query.audit;

import fi.tiekartta.support.eventstore.CanonicalEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The canonical form against hashes computed by hand in a shell, as docs/AUDIT.md shows:
 * <pre>
 * printf '%s\n' 'tiekartta-event-hash-v1' "$(printf tiekartta | sha256sum | cut -d' ' -f1)" \
 *   '3f1c1a4e-0000-4000-8000-000000000001' 'TE-10' '1' 'Project' \
 *   'fi.tiekartta.events.ProjectStatusChangedEvent' '1' '2024-01-03T08:15:02.120Z' \
 *   '{"actor":"matti.m","correlationId":"c-1","reason":"Puolet \"vaihdettu\"\nloput ensi vuonna"}' \
 *   '{"projectId":"TE-10",...,"note":"60 % TEHTY – kesä"}' | sha256sum
 * </pre>
 */
class CanonicalEventTest {

    /** {@code printf tiekartta | sha256sum} */
    private static final String PREVIOUS = "e39fd09a2ddc60a8a9fb069422b72825bc94af4a3e3aad75b7d05c75e4d184ed";
    private static final String PAYLOAD = "{\"projectId\":\"TE-10\",\"changeId\":\"c1\",\"status\":\"IN_PROGRESS\","
            + "\"previousStatus\":\"NOT_STARTED\",\"effectiveDate\":\"2023-12-31\",\"progressPercent\":60,"
            + "\"note\":\"60 % TEHTY – kesä\"}";
    /** As stored: JSON, in any key order, with keys the hash does not cover. */
    private static final String META_DATA = "{\"traceId\":\"not-audited\",\"reason\":\"Puolet \\\"vaihdettu\\\"\\nloput "
            + "ensi vuonna\",\"correlationId\":\"c-1\",\"actor\":\"matti.m\"}";

    private static final CanonicalEvent STATUS_CHANGE = new CanonicalEvent(
            PREVIOUS, "3f1c1a4e-0000-4000-8000-000000000001", "TE-10", 1, "Project",
            "fi.tiekartta.events.ProjectStatusChangedEvent", "1", "2024-01-03T08:15:02.120Z", META_DATA, PAYLOAD);

    @Test
    void canonicalForm_isElevenLinesEachEndedByALineFeed() {
        assertThat(STATUS_CHANGE.canonicalForm()).isEqualTo(
                "tiekartta-event-hash-v1\n"
                + PREVIOUS + "\n"
                + "3f1c1a4e-0000-4000-8000-000000000001\n"
                + "TE-10\n"
                + "1\n"
                + "Project\n"
                + "fi.tiekartta.events.ProjectStatusChangedEvent\n"
                + "1\n"
                + "2024-01-03T08:15:02.120Z\n"
                + "{\"actor\":\"matti.m\",\"correlationId\":\"c-1\",\"reason\":\"Puolet \\\"vaihdettu\\\"\\nloput ensi vuonna\"}\n"
                + PAYLOAD + "\n");
    }

    @Test
    void hash_isTheSha256ThatSha256sumGivesForTheCanonicalForm() {
        assertThat(STATUS_CHANGE.hash()).isEqualTo("4ba55712ab20fdeb232112f9e1d0ca80467bee15060baf05af5452bbdfa1e17d");
    }

    @Test
    void theFirstEventOfAStream_withoutRevisionTypeOrMetadata_hashesEmptyLinesAndNulls() {
        CanonicalEvent first = new CanonicalEvent("", "e0", "TE-10", 0, null,
                                                  "fi.tiekartta.events.ProjectRegisteredEvent", null,
                                                  "2024-01-02T10:00:00.000Z", "{}", "{}");

        // printf '%s\n' 'tiekartta-event-hash-v1' '' 'e0' 'TE-10' '0' '' 'fi.tiekartta.events.ProjectRegisteredEvent' '' \
        //   '2024-01-02T10:00:00.000Z' '{"actor":null,"correlationId":null,"reason":null}' '{}' | sha256sum
        assertThat(first.hash()).isEqualTo("90d0710a481763756f10c8b7707d302281fb9a588adffd43d3d5e0daa45069c4");
    }

    @Test
    void keysTheHashDoesNotCover_andTheMetadataLayout_doNotChangeIt() {
        String reformatted = "{ \"actor\": \"matti.m\", \"correlationId\": \"c-1\", \"reason\": \"Puolet \\\"vaihdettu\\\"\\nloput "
                + "ensi vuonna\", \"roles\": [\"OWNER\"] }";

        assertThat(withMetaData(reformatted).hash()).isEqualTo(STATUS_CHANGE.hash());
    }

    @Test
    void everyCoveredValue_changesTheHash() {
        String original = STATUS_CHANGE.hash();

        assertThat(withMetaData(META_DATA.replace("matti.m", "mallory")).hash()).isNotEqualTo(original);
        assertThat(new CanonicalEvent("", STATUS_CHANGE.eventIdentifier(), "TE-10", 1, "Project",
                                      STATUS_CHANGE.payloadType(), "1", STATUS_CHANGE.timeStamp(), META_DATA, PAYLOAD)
                           .hash()).isNotEqualTo(original);
        assertThat(new CanonicalEvent(PREVIOUS, STATUS_CHANGE.eventIdentifier(), "TE-10", 2, "Project",
                                      STATUS_CHANGE.payloadType(), "1", STATUS_CHANGE.timeStamp(), META_DATA, PAYLOAD)
                           .hash()).isNotEqualTo(original);
        assertThat(new CanonicalEvent(PREVIOUS, STATUS_CHANGE.eventIdentifier(), "TE-10", 1, "Project",
                                      STATUS_CHANGE.payloadType(), "2", STATUS_CHANGE.timeStamp(), META_DATA, PAYLOAD)
                           .hash()).isNotEqualTo(original);
        assertThat(new CanonicalEvent(PREVIOUS, STATUS_CHANGE.eventIdentifier(), "TE-10", 1, "Project",
                                      STATUS_CHANGE.payloadType(), "1", STATUS_CHANGE.timeStamp(), META_DATA,
                                      PAYLOAD.replace("60", "70")).hash()).isNotEqualTo(original);
    }

    @Test
    void metadataThatIsNotJson_cannotBeHashed() {
        assertThatThrownBy(() -> withMetaData("{actor: matti").hash()).isInstanceOf(IllegalArgumentException.class);
    }

    private static CanonicalEvent withMetaData(String metaData) {
        CanonicalEvent e = STATUS_CHANGE;
        return new CanonicalEvent(e.previousHash(), e.eventIdentifier(), e.aggregateIdentifier(), e.sequenceNumber(),
                                  e.type(), e.payloadType(), e.payloadRevision(), e.timeStamp(), metaData, e.payload());
    }
}
