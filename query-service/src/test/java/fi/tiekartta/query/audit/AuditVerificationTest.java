package fi.tiekartta.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tiekartta.support.eventstore.CanonicalEvent;
import fi.tiekartta.support.eventstore.EventStoreTables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tampering with the PostgreSQL event store the way a database administrator could, and the verification
 * finding it: each case named by project and sequence.
 */
class AuditVerificationTest extends AuditTestBase {

    private static final String EVENTS = EventStoreTables.DOMAIN_EVENTS;

    /** Sets one event's hash to what the canonical form gives (the SQL of docs/AUDIT.md and V3__event_hash.sql). */
    private static final String REHASH = """
            UPDATE event_store.domain_event_entry e
            SET event_hash = encode(sha256(convert_to(concat_ws(E'\\n',
                    'tiekartta-event-hash-v1',
                    coalesce((SELECT p.event_hash FROM event_store.domain_event_entry p
                              WHERE p.aggregate_identifier = e.aggregate_identifier
                                AND p.sequence_number = e.sequence_number - 1), ''),
                    e.event_identifier, e.aggregate_identifier, e.sequence_number::text, coalesce(e.type, ''),
                    e.payload_type, coalesce(e.payload_revision, ''), e.time_stamp,
                    '{"actor":' || coalesce(to_json(e.meta_data::jsonb ->> 'actor')::text, 'null')
                        || ',"correlationId":' || coalesce(to_json(e.meta_data::jsonb ->> 'correlationId')::text, 'null')
                        || ',"reason":' || coalesce(to_json(e.meta_data::jsonb ->> 'reason')::text, 'null') || '}',
                    e.payload) || E'\\n', 'UTF8')), 'hex')
            WHERE e.aggregate_identifier = ? AND e.sequence_number = ?
            """;

    @Autowired
    private EventLogDigest eventLogDigest;

    @Test
    void anUntouchedStore_verifies_andItsDigestIsTheEventLogDigest() {
        projectWithHistory(9);
        Instant now = Instant.now();

        JsonNode report = verify("");
        JsonNode atNow = verify("?knownAt=" + now);

        assertThat(report.get("valid").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("problems")).isEmpty();
        assertThat(report.get("eventsChecked").asLong())
                .isEqualTo(jdbc.queryForObject("SELECT count(*) FROM " + EVENTS, Long.class));
        assertThat(report.get("digest").asText()).matches("sha256:[0-9a-f]{64}");
        assertThat(atNow.get("digest").asText()).isEqualTo(report.get("digest").asText())
                                               .isEqualTo(eventLogDigest.digestAt(now));
        assertThat(atNow.get("knownAt").asText()).isEqualTo(now.toString());
    }

    @Test
    void aPayloadEditedWithSql_isNamedByProjectAndSequence() {
        String id = projectWithHistory(4);

        try (Tampering ignored = tamper(id).sql("UPDATE " + EVENTS + " SET payload = replace(payload, '\"progressPercent\":40', "
                                                + "'\"progressPercent\":90') WHERE aggregate_identifier = ? AND sequence_number = 1", id)) {
            JsonNode report = verify("");

            assertThat(report.get("valid").asBoolean()).isFalse();
            assertThat(problemSequences(report, id)).containsExactly(1L);
            assertThat(problemTexts(report, id, 1).get(0)).contains("does not match");
        }
        assertThat(verify("").get("valid").asBoolean()).as("restored").isTrue();
    }

    @Test
    void aChangedActor_isNamedByProjectAndSequence() {
        String id = projectWithHistory(3);

        try (Tampering ignored = tamper(id).sql("UPDATE " + EVENTS + " SET meta_data = jsonb_set(meta_data::jsonb, '{actor}', "
                                                + "'\"mallory\"')::text WHERE aggregate_identifier = ? AND sequence_number = 2", id)) {
            JsonNode report = verify("");

            assertThat(report.get("valid").asBoolean()).isFalse();
            assertThat(problemSequences(report, id)).containsExactly(2L);
        }
    }

    @Test
    void twoEventsWithSwappedSequenceNumbers_areNamed() {
        String id = projectWithHistory(4);

        try (Tampering ignored = tamper(id)
                .sql("UPDATE " + EVENTS + " SET sequence_number = -1 WHERE aggregate_identifier = ? AND sequence_number = 1", id)
                .sql("UPDATE " + EVENTS + " SET sequence_number = 1 WHERE aggregate_identifier = ? AND sequence_number = 2", id)
                .sql("UPDATE " + EVENTS + " SET sequence_number = 2 WHERE aggregate_identifier = ? AND sequence_number = -1", id)) {
            JsonNode report = verify("");

            assertThat(report.get("valid").asBoolean()).isFalse();
            // 3 is intact but no longer follows what is stored at 2: the link is broken there too.
            assertThat(problemSequences(report, id)).contains(1L, 2L).doesNotContain(0L);
        }
    }

    @Test
    void twoEventsWithSwappedPayloads_areNamed() {
        String id = projectWithHistory(4);

        try (Tampering ignored = tamper(id).sql(
                "UPDATE " + EVENTS + " e SET payload = o.payload, payload_type = o.payload_type FROM " + EVENTS + " o"
                + " WHERE e.aggregate_identifier = ? AND o.aggregate_identifier = e.aggregate_identifier"
                + " AND e.sequence_number IN (1, 2) AND o.sequence_number = 3 - e.sequence_number", id)) {
            JsonNode report = verify("");

            assertThat(report.get("valid").asBoolean()).isFalse();
            assertThat(problemSequences(report, id)).containsExactly(1L, 2L);
        }
    }

    @Test
    void aGapInSequenceNumbers_isNamedAtTheMissingSequence() {
        String id = projectWithHistory(4);

        try (Tampering ignored = tamper(id).sql("DELETE FROM " + EVENTS + " WHERE aggregate_identifier = ? AND sequence_number = 1", id)) {
            JsonNode report = verify("");

            assertThat(report.get("valid").asBoolean()).isFalse();
            assertThat(problemTexts(report, id, 1)).anySatisfy(text -> assertThat(text).contains("sequence 1 is missing"));
        }
    }

    @Test
    void aDeletedLastEvent_failsThePublishedDigest_andTheReadModelWitnessNamesIt() {
        String id = projectWithHistory(3);
        awaitProjected(id, 2);
        Instant publishedAt = Instant.now();
        String published = verify("?knownAt=" + publishedAt).get("digest").asText();
        assertThat(verify("?knownAt=" + publishedAt + "&digest=" + published).get("matchesPublishedDigest").asBoolean()).isTrue();

        try (Tampering ignored = tamper(id).sql("DELETE FROM " + EVENTS + " WHERE aggregate_identifier = ? AND sequence_number = 2", id)) {
            JsonNode report = verify("?knownAt=" + publishedAt + "&digest=" + published);

            assertThat(report.get("matchesPublishedDigest").asBoolean()).isFalse();
            assertThat(report.get("digest").asText()).isNotEqualTo(published);
            assertThat(report.get("valid").asBoolean()).isFalse();
            assertThat(problemTexts(report, id, 2)).anySatisfy(text -> assertThat(text).contains("no longer holds it"));
        }
        assertThat(verify("?knownAt=" + publishedAt + "&digest=" + published).get("matchesPublishedDigest").asBoolean())
                .as("restored").isTrue();
    }

    @Test
    void anEditWithEveryLaterHashRecomputed_passesTheChains_butNotThePublishedDigest() {
        String id = projectWithHistory(3);
        Instant publishedAt = Instant.now();
        String published = eventLogDigest.digestAt(publishedAt);

        // Whoever knows the canonical form can rehash the stream after an edit; no secret stops that.
        try (Tampering ignored = tamper(id)
                .sql("UPDATE " + EVENTS + " SET payload = replace(payload, '40 % TEHTY', '90 % TEHTY')"
                     + " WHERE aggregate_identifier = ? AND sequence_number = 1", id)
                .sql(REHASH, id, 1)
                .sql(REHASH, id, 2)) {
            JsonNode report = verify("?knownAt=" + publishedAt + "&digest=" + published.substring("sha256:".length()));

            assertThat(problemSequences(report, id)).isEmpty();
            assertThat(report.get("matchesPublishedDigest").asBoolean()).isFalse();
        }
    }

    @Test
    void theDigest_isTheSha256OfTheSortedStreamHeads_asSqlListsThem() {
        projectWithHistory(2);
        Instant knownAt = Instant.now();
        List<String> lines = jdbc.queryForList(
                "SELECT DISTINCT ON (aggregate_identifier) aggregate_identifier || ':' || sequence_number || ':' || event_hash"
                + " FROM " + EVENTS + " WHERE time_stamp::timestamptz <= ?::timestamptz"
                + " ORDER BY aggregate_identifier, sequence_number DESC", String.class, knownAt.toString());
        String heads = lines.stream().sorted().map(line -> line + "\n").reduce("", String::concat);

        assertThat(eventLogDigest.digestAt(knownAt)).isEqualTo("sha256:" + CanonicalEvent.sha256Hex(heads));
    }

    @Test
    void theDigestAtAnInstant_ignoresEventsRecordedLater() {
        String id = projectWithHistory(2);
        Instant before = Instant.now();
        String digest = eventLogDigest.digestAt(before);
        pause();

        append(id, 2, new fi.tiekartta.events.ProjectOwnerAssignedEvent(id, "o9", "liisa.l", "matti.m", REGISTERED_ON),
               "koordinaattori", null);

        assertThat(eventLogDigest.digestAt(before)).isEqualTo(digest);
        assertThat(eventLogDigest.digestAt(Instant.now())).isNotEqualTo(digest);
        assertThat(eventLogDigest.digestAt(Instant.parse("2000-01-01T00:00:00Z")))
                .as("no events: the SHA-256 of nothing")
                .isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void aDigestWithoutKnownAt_orNotADigest_isRejected() {
        assertThat(audit("/api/audit/verify?digest=sha256:" + "0".repeat(64)).status()).isEqualTo(400);
        assertThat(audit("/api/audit/verify?knownAt=2024-01-01T00:00:00Z&digest=md5:abc").status()).isEqualTo(400);
        assertThat(audit("/api/audit/verify?knownAt=yesterday").status()).isEqualTo(400);
    }
}
