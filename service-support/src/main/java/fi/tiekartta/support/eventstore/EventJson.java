package fi.tiekartta.support.eventstore;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON form of stored events. It is deliberately independent of the web layer's ObjectMapper: what is
 * in the store must read the same way in ten years, whatever the API's settings become.
 * <ul>
 *     <li>dates as ISO-8601 strings, so SQL and people can read them;</li>
 *     <li>absent values left out rather than written as {@code null};</li>
 *     <li>unknown properties ignored when reading (a tolerant reader, for events written by a newer
 *     version).</li>
 * </ul>
 */
public final class EventJson {

    private EventJson() {
    }

    public static ObjectMapper newObjectMapper() {
        return JsonMapper.builder()
                         .addModule(new JavaTimeModule())
                         .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                         .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                         .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                         .serializationInclusion(JsonInclude.Include.NON_NULL)
                         .build();
    }
}
