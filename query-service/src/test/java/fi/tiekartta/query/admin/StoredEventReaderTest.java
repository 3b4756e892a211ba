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

import java.nio.charset.StandardCharsets;
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
                payload.getType().getName(), payload.getType().getRevision(), utf8(payload.getData()), utf8(meta));

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
                                       utf8("\"x\""), utf8(meta)).getMetaData();

        assertThat(read).isEqualTo(serializer.deserialize(
                new org.axonframework.serialization.SimpleSerializedObject<>(meta, String.class, MetaData.class.getName(), null)));
        assertThat(read.get("attempt")).isEqualTo(2);
        assertThat(read).containsEntry("nested", Map.of("k", "v"));
    }

    @Test
    void days_readAsTheSerializerReadsThem_orRefusedAsItRefusesThem() {
        Random random = new Random(3);
        SerializedObject<String> template = serializer.serialize(new ProjectStatusChangedEvent("YP-1", "c-1", ProjectStatus.DONE,
                ProjectStatus.IN_PROGRESS, LocalDate.of(2024, 2, 29), null, null, null, null, null), String.class);
        for (int i = 0; i < 3_000; i++) {
            String day = switch (i % 4) {
                case 0 -> LocalDate.ofEpochDay(random.nextLong(-1_000_000, 3_000_000)).toString(); // years -768..10183
                case 1 -> "%04d-%02d-%02d".formatted(random.nextInt(10_000), random.nextInt(14), random.nextInt(33));
                case 2 -> "2024-02-2" + (char) ('0' + random.nextInt(40)); // digits and what follows them
                default -> LocalDate.ofEpochDay(random.nextLong(0, 30_000)).toString();
            };
            String json = template.getData().replace("\"2024-02-29\"", "\"" + day + "\"");
            Object expected;
            try {
                expected = serializer.deserialize(new org.axonframework.serialization.SimpleSerializedObject<>(
                        json, String.class, template.getType()));
            } catch (RuntimeException refused) {
                assertThatThrownBy(() -> read(template, json)).as(day).isNotNull();
                continue;
            }
            assertThat(read(template, json)).as(day).isEqualTo(expected);
        }
    }

    private Object read(SerializedObject<String> template, String json) {
        return reader.message("Project", "YP-1", 0, "e", "2024-03-01T10:59:37.882Z", template.getType().getName(),
                              template.getType().getRevision(), utf8(json), null).getPayload();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
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
