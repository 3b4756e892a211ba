package fi.tiekartta.support.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tiekartta.vocabulary.AuditMetadata;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What the tamper-evident hash of a stored event covers, and how it is computed (docs/AUDIT.md, "What the
 * hash covers"). Every value is the text the event's row holds, so that anyone can rebuild the canonical form
 * from the table with plain SQL and hash it with {@code sha256sum}, without this software.
 *
 * <p>The canonical form is eleven lines, each ended by a line feed (LF), encoded as UTF-8:
 * <pre>
 *  1  tiekartta-event-hash-v1
 *  2  previous hash: event_hash of the same stream's sequence_number - 1; empty for sequence 0
 *  3  event_identifier
 *  4  aggregate_identifier
 *  5  sequence_number (decimal)
 *  6  type (the aggregate type; empty when NULL)
 *  7  payload_type
 *  8  payload_revision (empty when NULL)
 *  9  time_stamp, exactly as stored
 * 10  audited metadata: {"actor":A,"correlationId":C,"reason":R}, each value a JSON string as PostgreSQL's
 *     to_json(text) writes it, or null when the key is absent
 * 11  payload, exactly as stored
 * </pre>
 * The hash is the lower-case hex SHA-256 of those bytes. Lines 1–10 cannot hold a line feed (the metadata
 * values are escaped; the other fields are identifiers the store writes itself), so the payload, last, is
 * everything between the tenth LF and the final one.
 *
 * @param previousHash the stored hash of the stream's previous event; {@code ""} for the first
 * @param metaData     the metadata column's JSON text (only the audited keys count)
 */
public record CanonicalEvent(String previousHash, String eventIdentifier, String aggregateIdentifier,
                             long sequenceNumber, String type, String payloadType, String payloadRevision,
                             String timeStamp, String metaData, String payload) {

    public static final String VERSION_LINE = "tiekartta-event-hash-v1";

    /** The metadata keys the hash covers, in the (sorted) order the canonical form lists them. */
    public static final List<String> AUDITED_METADATA =
            List.of(AuditMetadata.ACTOR, AuditMetadata.CORRELATION_ID, AuditMetadata.REASON);

    private static final ObjectMapper JSON = EventJson.newObjectMapper();

    /** The canonical form, lines ended by LF; throws {@link IllegalArgumentException} for unreadable metadata. */
    public String canonicalForm() {
        StringBuilder form = new StringBuilder(payload.length() + 512);
        for (String line : new String[]{VERSION_LINE, nullToEmpty(previousHash), eventIdentifier, aggregateIdentifier,
                                        Long.toString(sequenceNumber), nullToEmpty(type), payloadType,
                                        nullToEmpty(payloadRevision), timeStamp, auditedMetadata(metaData), payload}) {
            form.append(line).append('\n');
        }
        return form.toString();
    }

    /** The lower-case hex SHA-256 of the canonical form: what {@code event_hash} holds. */
    public String hash() {
        return sha256Hex(canonicalForm());
    }

    /**
     * Line 10: the audited keys in sorted order, each value written the way PostgreSQL's {@code to_json(text)}
     * writes a string, so that SQL builds the same line from {@code meta_data::jsonb ->> key}.
     */
    static String auditedMetadata(String metaData) {
        JsonNode node = readMetaData(metaData);
        StringBuilder line = new StringBuilder("{");
        for (String key : AUDITED_METADATA) {
            JsonNode value = node.get(key);
            line.append(line.length() == 1 ? "" : ",").append('"').append(key).append("\":");
            if (value == null || value.isNull()) {
                line.append("null");
            } else {
                // ->> gives a string's text; the command-service writes only strings here.
                line.append(postgresJsonString(value.isValueNode() ? value.asText() : value.toString()));
            }
        }
        return line.append('}').toString();
    }

    /**
     * A JSON string literal exactly as PostgreSQL's {@code escape_json} writes it: quote and backslash escaped,
     * \b \f \n \r \t by name, other control characters as {@code \}{@code u00xx} in lower-case hex, nothing else.
     */
    static String postgresJsonString(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < ' ') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A new SHA-256 digest, for text fed to it in parts. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static JsonNode readMetaData(String metaData) {
        if (metaData == null) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(metaData);
            if (node == null || node.isNull() || node.isMissingNode()) {
                return JSON.createObjectNode();
            }
            if (!node.isObject()) {
                throw new IllegalArgumentException("the metadata is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the metadata is not JSON", e);
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
