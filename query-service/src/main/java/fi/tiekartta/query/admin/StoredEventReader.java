package fi.tiekartta.query.admin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import fi.tiekartta.query.projects.PlainDays;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the event store's rows as the event serializer does, for a rebuild, which reads every row once on one thread
 * and so pays for every general-purpose step of the serializer's path. Three of them were a third of that thread's
 * time (docs/PERFORMANCE.md, "What bounds each number"), and each has a cheaper equivalent here that falls back to
 * the serializer's own path for anything it does not recognise:
 * <ul>
 *     <li>the payload: an {@link ObjectReader} of the serializer's own mapper, kept per type, where the serializer looks
 *     the class up and copies the JSON to bytes for every row; its days read by position ({@link PlainDays}), where
 *     the mapper's reader of days parses them with a {@code DateTimeFormatter} (7 % of the thread);</li>
 *     <li>the metadata: read as a flat object of strings with the mapper's parser, where the serializer binds a
 *     general map (falls back when a value is anything but a string or null);</li>
 *     <li>the timestamp: the one form the store writes ({@link DateTimeUtils#formatInstant}, e.g.
 *     {@code 2024-05-03T10:15:30.123Z}) read by position, where the general ISO parser resolves fields.</li>
 * </ul>
 * The payload and the metadata come as the column's UTF-8 bytes, read by Jackson's parser for bytes: no String is
 * decoded for them (the driver's decoding and the parser for text were another tenth). Not thread-safe (its cache):
 * one per build.
 */
final class StoredEventReader {

    private final Serializer serializer;
    private final JacksonSerializer jackson;
    private final JsonFactory json;
    /** The serializer's mapper with its days read by position. */
    private final ObjectMapper payloads;
    private final Map<String, ObjectReader> readers = new HashMap<>();

    StoredEventReader(Serializer serializer) {
        this.serializer = serializer;
        this.jackson = serializer instanceof JacksonSerializer j ? j : null;
        this.json = jackson == null ? null : jackson.getObjectMapper().getFactory();
        this.payloads = jackson == null ? null
                : jackson.getObjectMapper().copy().registerModule(new SimpleModule().addDeserializer(LocalDate.class, new PlainDay()));
    }

    /** @param payload the payload's UTF-8 bytes; @param metaData the metadata's, or null */
    DomainEventMessage<?> message(String type, String aggregate, long sequence, String identifier, String timestamp,
                                  String payloadType, String payloadRevision, byte[] payload, byte[] metaData) {
        return new GenericDomainEventMessage<>(type, aggregate, sequence, payload(payloadType, payloadRevision, payload),
                                               metaData(metaData), identifier, instant(timestamp));
    }

    private Object payload(String type, String revision, byte[] data) {
        ObjectReader reader = jackson == null || type == null ? null : readers.computeIfAbsent(type + '\n' + revision, key -> {
            SerializedType serialized = new SimpleSerializedType(type, revision);
            Class<?> found = jackson.classForType(serialized);
            return UnknownSerializedType.class.isAssignableFrom(found) ? null : payloads.readerFor(found);
        });
        if (reader == null) {
            return serializer.deserialize(new SimpleSerializedObject<>(text(data), String.class, type, revision));
        }
        try {
            return reader.readValue(data);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable payload of type " + type, e);
        }
    }

    private MetaData metaData(byte[] data) {
        if (data == null) {
            return MetaData.emptyInstance();
        }
        if (json != null) {
            Map<String, Object> values = flatStrings(data);
            if (values != null) {
                return MetaData.from(values);
            }
        }
        return serializer.deserialize(new SimpleSerializedObject<>(text(data), String.class, MetaData.class.getName(), null));
    }

    private static String text(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** The object's fields if every value is a string or null; null otherwise (then the serializer reads it). */
    private Map<String, Object> flatStrings(byte[] data) {
        try (JsonParser parser = json.createParser(data)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Map<String, Object> values = new HashMap<>();
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING) {
                    values.put(name, parser.getText());
                } else if (value == JsonToken.VALUE_NULL) {
                    values.put(name, null);
                } else {
                    return null;
                }
            }
            return parser.currentToken() == JsonToken.END_OBJECT && parser.nextToken() == null ? values : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss.SSSZ} by position; anything else by {@link DateTimeUtils#parseInstant}. */
    static Instant instant(String text) {
        if (text.length() == 24 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
            && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(19) == '.' && text.charAt(23) == 'Z') {
            int year = PlainDays.digits(text, 0, 4);
            int month = PlainDays.digits(text, 5, 2);
            int day = PlainDays.digits(text, 8, 2);
            int hour = PlainDays.digits(text, 11, 2);
            int minute = PlainDays.digits(text, 14, 2);
            int second = PlainDays.digits(text, 17, 2);
            int millis = PlainDays.digits(text, 20, 3);
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= LocalDate.of(year, month, 1).lengthOfMonth()
                && hour >= 0 && hour < 24 && minute >= 0 && minute < 60 && second >= 0 && second < 60 && millis >= 0) {
                long seconds = LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3_600L + minute * 60L + second;
                return Instant.ofEpochSecond(seconds, millis * 1_000_000L);
            }
        }
        return Objects.requireNonNull(DateTimeUtils.parseInstant(text));
    }

    /**
     * A day in the one form the events are written in, read by position; anything else by the mapper's own reader,
     * so that the day (or the failure) is always the one it gives.
     */
    private static final class PlainDay extends StdDeserializer<LocalDate> {

        PlainDay() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            LocalDate day = parser.hasToken(JsonToken.VALUE_STRING) ? PlainDays.day(parser.getText()) : null;
            return day != null ? day : LocalDateDeserializer.INSTANCE.deserialize(parser, context);
        }
    }
}
