package fi.tiekartta.command.audit;

import fi.tiekartta.command.CommandServiceTestBase;
import fi.tiekartta.events.ProjectRegisteredEvent;
import fi.tiekartta.events.ProjectStatusChangedEvent;
import fi.tiekartta.support.eventstore.CanonicalEvent;
import fi.tiekartta.support.eventstore.EventStoreTables;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import fi.tiekartta.vocabulary.AuditMetadata;
import fi.tiekartta.vocabulary.ProjectStatus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events appended by the real command path carry a hash chain that anyone can recompute from the table with
 * the SQL of docs/AUDIT.md, without this software.
 */
class HashChainTest extends CommandServiceTestBase {

    private static final String COORDINATOR = TestTokens.mint("kaisa.koordinaattori", "COORDINATOR");
    private static final String OWNER = TestTokens.mint("matti.m", "OWNER");

    /** docs/AUDIT.md, "Checking one stream with SQL": each event's hash rebuilt from its row and its predecessor's. */
    private static final String RECOMPUTE = """
            SELECT e.sequence_number, e.event_hash, p.event_hash AS previous_hash,
                   encode(sha256(convert_to(concat_ws(E'\\n',
                       'tiekartta-event-hash-v1',
                       coalesce(p.event_hash, ''),
                       e.event_identifier,
                       e.aggregate_identifier,
                       e.sequence_number::text,
                       coalesce(e.type, ''),
                       e.payload_type,
                       coalesce(e.payload_revision, ''),
                       e.time_stamp,
                       '{"actor":' || coalesce(to_json(e.meta_data::jsonb ->> 'actor')::text, 'null')
                         || ',"correlationId":' || coalesce(to_json(e.meta_data::jsonb ->> 'correlationId')::text, 'null')
                         || ',"reason":' || coalesce(to_json(e.meta_data::jsonb ->> 'reason')::text, 'null') || '}',
                       e.payload) || E'\\n', 'UTF8')), 'hex') AS recomputed
            FROM event_store.domain_event_entry e
            LEFT JOIN event_store.domain_event_entry p
                   ON p.aggregate_identifier = e.aggregate_identifier AND p.sequence_number = e.sequence_number - 1
            WHERE e.aggregate_identifier = ?
            ORDER BY e.sequence_number
            """;

    @Autowired
    private EventStore eventStore;

    @Test
    void eventsAppendedThroughTheApi_carryAChainThatSqlRecomputes() {
        String id = uniqueProjectId();
        assertThat(api.post("/api/projects", COORDINATOR, "{\"projectId\":\"" + id + "\",\"sector\":\"TEKNIIKKA\","
                + "\"title\":\"Vesimittareiden vaihto etäluettaviksi\",\"owner\":\"matti.m\",\"plannedStartYear\":2022,"
                + "\"plannedEndYear\":2025}").status()).isEqualTo(201);
        // A reason with what JSON must escape (quotes, a line break, a tab, a carriage return) and non-ASCII.
        Response change = api.post("/api/projects/" + id + "/status-changes", OWNER,
                "{\"status\":\"IN_PROGRESS\",\"progressPercent\":60,\"note\":\"60 % TEHTY – kesä\","
                + "\"reason\":\"Puolet \\\"vaihdettu\\\"\\nloput\\tensi vuonna\\r ä €\"}");
        assertThat(change.status()).as(change.toString()).isEqualTo(201);
        assertThat(api.post("/api/projects/" + id + "/corrections", COORDINATOR, "{\"changeId\":\""
                + change.json().get("changeId").asText() + "\",\"progressPercent\":70,\"reason\":\"väärä luku\"}").status())
                .isEqualTo(201);

        List<Map<String, Object>> rows = jdbc.queryForList(RECOMPUTE, id);

        assertThat(rows).hasSize(3);
        assertThat(storedEvent(id, 1, "meta_data::jsonb ->> 'reason'")).contains("\n").contains("\t").contains("\r");
        assertChained(rows);
    }

    @Test
    void severalEventsOfSeveralStreamsInOneAppend_chainToEachOther() {
        String first = uniqueProjectId();
        String second = uniqueProjectId();

        eventStore.publish(event(first, 0, registered(first)), event(second, 0, registered(second)),
                           event(first, 1, changed(first, "c1", ProjectStatus.IN_PROGRESS)),
                           event(first, 2, changed(first, "c2", ProjectStatus.DONE)),
                           event(second, 1, changed(second, "c1", ProjectStatus.WAITING)));
        eventStore.publish(event(first, 3, changed(first, "c3", ProjectStatus.DONE)));

        assertChained(jdbc.queryForList(RECOMPUTE, first));
        assertChained(jdbc.queryForList(RECOMPUTE, second));
        assertThat(jdbc.queryForList(RECOMPUTE, first)).hasSize(4);
    }

    @Test
    void theHashInTheTable_isWhatTheJavaCanonicalFormGives_andWhatSqlGives_evenForControlCharacters() {
        String id = uniqueProjectId();
        eventStore.publish(event(id, 0, registered(id)),
                           event(id, 1, changed(id, "c1", ProjectStatus.DONE))
                                   .andMetaData(Map.of(AuditMetadata.REASON, "\u0001\b\f\u001f \"\\ / \u007f ä 😀",
                                                       "notAudited", "anything")));

        assertChained(jdbc.queryForList(RECOMPUTE, id));

        jdbc.query("SELECT e.*, p.event_hash AS previous_hash FROM " + EventStoreTables.DOMAIN_EVENTS + " e LEFT JOIN "
                   + EventStoreTables.DOMAIN_EVENTS + " p ON p.aggregate_identifier = e.aggregate_identifier"
                   + " AND p.sequence_number = e.sequence_number - 1 WHERE e.aggregate_identifier = ?", rs -> {
            CanonicalEvent canonical = new CanonicalEvent(
                    rs.getString("previous_hash") == null ? "" : rs.getString("previous_hash"),
                    rs.getString("event_identifier"), rs.getString("aggregate_identifier"), rs.getLong("sequence_number"),
                    rs.getString("type"), rs.getString("payload_type"), rs.getString("payload_revision"),
                    rs.getString("time_stamp"), rs.getString("meta_data"), rs.getString("payload"));
            assertThat(canonical.hash()).isEqualTo(rs.getString("event_hash"));
        }, id);
    }

    private static void assertChained(List<Map<String, Object>> rows) {
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i);
            assertThat(((Number) row.get("sequence_number")).longValue()).isEqualTo(i);
            assertThat((String) row.get("event_hash")).as("sequence " + i).matches("[0-9a-f]{64}")
                                                      .isEqualTo(row.get("recomputed"));
            assertThat(row.get("previous_hash")).isEqualTo(i == 0 ? null : rows.get(i - 1).get("event_hash"));
        }
    }

    private static GenericDomainEventMessage<?> event(String projectId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Project", projectId, sequence, payload,
                                               MetaData.with(AuditMetadata.ACTOR, "koordinaattori")
                                                       .and(AuditMetadata.CORRELATION_ID, "batch-" + projectId));
    }

    private static ProjectRegisteredEvent registered(String id) {
        return new ProjectRegisteredEvent(id, "reg", "TEKNIIKKA", "Hanke", "matti.m", 2022, 2025, null,
                                          LocalDate.of(2023, 1, 2));
    }

    private static ProjectStatusChangedEvent changed(String id, String changeId, ProjectStatus status) {
        return new ProjectStatusChangedEvent(id, changeId, status, ProjectStatus.NOT_STARTED, LocalDate.of(2023, 6, 1),
                                             null, null, null, null, null);
    }
}
