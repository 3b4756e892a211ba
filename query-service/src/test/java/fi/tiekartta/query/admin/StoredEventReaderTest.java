package fi.tiekartta.query.admin;

import fi.tiekartta.events.ProjectStatusChangedEvent;
import fi.tiekartta.support.eventstore.EventJson;
import fi.tiekartta.vocabulary.ProjectStatus;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoredEventReaderTest {

    /** As the services' event serializer is made (EventStoreConfiguration). */
    private final Serializer serializer = JacksonSerializer.builder().objectMapper(EventJson.newObjectMapper()).build();
    private final StoredEventReader reader = new StoredEventReader(serializer);

    @Test
    void readsAnEvent_asTheSerializerDoes() {
        ProjectStatusChangedEvent event = new ProjectStatusChangedEvent("YP-1", "c-1", ProjectStatus.IN_PROGRESS,
                ProjectStatus.NOT_STARTED, LocalDate.of(2024, 2, 29), 40, 2025, null, "VAKA", "40 % tehty");
        SerializedObject<String> payload = serializer.serialize(event, String.class);
        MetaData metaData = MetaData.with("actor", "koordinaattori-4").and("correlationId", "e253325d").and("reason", null);
        String meta = serializer.serialize(metaData, String.class).getData();

        DomainEventMessage<?> read = reader.message("Project", "YP-1", 3, "event-1", "2024-03-01T10:59:37.882Z",
                payload.getType().getName(), payload.getType().getRevision(), payload.getData(), meta);

        assertThat(read.getPayload()).isEqualTo(event);
        assertThat(read.getMetaData()).isEqualTo(serializer.deserialize(
                new org.axonframework.serialization.SimpleSerializedObject<>(meta, String.class, MetaData.class.getName(), null)));
        assertThat(read.getTimestamp()).isEqualTo(Instant.parse("2024-03-01T10:59:37.882Z"));
        assertThat(read.getAggregateIdentifier()).isEqualTo("YP-1");
        assertThat(read.getSequenceNumber()).isEqualTo(3);
        assertThat(read.getIdentifier()).isEqualTo("event-1");
    }

    @Test
    void metadataThatIsNotFlatStrings_isReadByTheSerializer() {
        String meta = "{\"actor\":\"a\",\"attempt\":2,\"tags\":[\"x\"],\"nested\":{\"k\":\"v\"}}";

        MetaData read = reader.message("Project", "YP-1", 0, "e", "2024-03-01T10:59:37.882Z", "java.lang.String", null,
                                       "\"x\"", meta).getMetaData();

        assertThat(read).isEqualTo(serializer.deserialize(
                new org.axonframework.serialization.SimpleSerializedObject<>(meta, String.class, MetaData.class.getName(), null)));
        assertThat(read.get("attempt")).isEqualTo(2);
        assertThat(read).containsEntry("nested", Map.of("k", "v"));
    }

    @Test
    void instants_readAsTheGeneralParserReadsThem() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            Instant at = Instant.ofEpochMilli(random.nextLong(-30_000_000_000_000L, 250_000_000_000_000L));
            String stored = DateTimeUtils.formatInstant(at);
            assertThat(StoredEventReader.instant(stored)).as(stored).isEqualTo(DateTimeUtils.parseInstant(stored));
        }
        for (String other : new String[]{"2024-03-01T10:59:37Z", "2024-03-01T10:59:37.123456Z", "2024-03-01T12:59:37.882+02:00",
                                         "2024-12-31T23:59:59.999Z", "2024-02-29T00:00:00.000Z"}) {
            assertThat(StoredEventReader.instant(other)).as(other).isEqualTo(DateTimeUtils.parseInstant(other));
        }
    }

    @Test
    void impossibleInstants_areRejectedAsTheGeneralParserRejectsThem() {
        for (String bad : new String[]{"2023-02-29T10:00:00.000Z", "2024-13-01T10:00:00.000Z", "2024-03-01T24:00:00.000Z",
                                       "2024-03-01T10:60:00.000Z", "2024-03-0xT10:00:00.000Z"}) {
            assertThatThrownBy(() -> StoredEventReader.instant(bad)).as(bad).isInstanceOf(RuntimeException.class);
        }
    }
}
