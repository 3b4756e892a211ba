package fi.tiekartta.command.append;

import fi.tiekartta.support.eventstore.EventStoreTables;
import fi.tiekartta.support.eventstore.HashChainingAppendEvents;
import fi.tiekartta.support.eventstore.HashChainingAppendEvents.Row;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last event (sequence number and hash) of recently used streams. The aggregate cache's check ("is the cached
 * project still the stored one?") reads both in one query, and the group commit remembers what it wrote, so that
 * hashing a new event seldom needs another round trip for its predecessor's hash. A stored event never changes, so
 * a remembered (stream, sequence, hash) stays true; whether it is still the last one is only ever a hint, decided by
 * the unique (aggregate, sequence) key.
 */
public class StreamHeads {

    private static final String LAST = "SELECT sequence_number, " + HashChainingAppendEvents.HASH_COLUMN + " FROM "
                                       + EventStoreTables.DOMAIN_EVENTS
                                       + " WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1";
    private static final String HASH_AT = "SELECT " + HashChainingAppendEvents.HASH_COLUMN + " FROM "
                                          + EventStoreTables.DOMAIN_EVENTS
                                          + " WHERE aggregate_identifier = ? AND sequence_number = ?";

    private record Head(long sequenceNumber, String hash) {
    }

    private final JdbcTemplate jdbc;
    private final Map<String, Head> heads;

    public StreamHeads(JdbcTemplate jdbc, int capacity) {
        this.jdbc = jdbc;
        this.heads = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Head> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The stored sequence number of the stream's last event (none: no such stream), remembering its hash. */
    public Optional<Long> lastSequenceNumber(String aggregateIdentifier) {
        List<Head> last = jdbc.query(LAST, (row, n) -> new Head(row.getLong(1), orEmpty(row.getString(2))),
                                     aggregateIdentifier);
        if (last.isEmpty()) {
            return Optional.empty();
        }
        remember(aggregateIdentifier, last.get(0));
        return Optional.of(last.get(0).sequenceNumber());
    }

    /** The stored hash of the event at {@code sequenceNumber}, or {@code ""} where there is none. */
    String hashAt(String aggregateIdentifier, long sequenceNumber) {
        Head head;
        synchronized (heads) {
            head = heads.get(aggregateIdentifier);
        }
        if (head != null && head.sequenceNumber() == sequenceNumber) {
            return head.hash();
        }
        List<String> hash = jdbc.query(HASH_AT, (row, n) -> orEmpty(row.getString(1)), aggregateIdentifier,
                                       sequenceNumber);
        return hash.isEmpty() ? "" : hash.get(0);
    }

    /** The rows a group commit has just made durable. */
    void written(List<Row> rows) {
        rows.forEach(row -> remember(row.aggregateIdentifier(), new Head(row.sequenceNumber(), row.hash())));
    }

    private void remember(String aggregateIdentifier, Head head) {
        synchronized (heads) {
            Head known = heads.get(aggregateIdentifier);
            if (known == null || known.sequenceNumber() <= head.sequenceNumber()) {
                heads.put(aggregateIdentifier, head);
            }
        }
    }

    private static String orEmpty(String hash) {
        return hash == null ? "" : hash;
    }
}
