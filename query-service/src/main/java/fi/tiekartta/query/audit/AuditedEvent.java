package fi.tiekartta.query.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import fi.tiekartta.support.eventstore.EventJson;
import org.springframework.lang.Nullable;

/**
 * One stored event as {@code GET /api/audit/projects/{id}/events} shows it: the row as it is, payload and
 * metadata as JSON (or, where the stored text is not JSON, as that text), the recording time as the stored text
 * the hash covers.
 *
 * @param type          the event's type (the payload type as stored)
 * @param revision      the payload revision as stored
 * @param aggregateType the stream's aggregate type as stored
 */
public record AuditedEvent(long sequence, String eventId, String type, String recordedAt, JsonNode payload,
                           JsonNode metadata, @Nullable String hash, @Nullable String revision, String aggregateType, long globalIndex) {

    private static final ObjectMapper JSON = EventJson.newObjectMapper();

    static AuditedEvent of(StoredEvent e) {
        return new AuditedEvent(e.sequenceNumber(), e.eventIdentifier(), e.payloadType(), e.timeStamp(),
                                json(e.payload()), json(e.metaData()), e.eventHash(), e.payloadRevision(), e.type(),
                                e.globalIndex());
    }

    private static JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }
}
