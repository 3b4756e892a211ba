package fi.tiekartta.query.audit;

import fi.tiekartta.support.eventstore.CanonicalEvent;
import org.axonframework.common.DateTimeUtils;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** One row of {@code event_store.domain_event_entry}, every column as the text it holds. */
record StoredEvent(long globalIndex, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                   String type, String timeStamp, String payloadType, String payloadRevision, String payload,
                   String metaData, String eventHash) {

    /** What the hash covers, given the hash of the event before it in its stream. */
    CanonicalEvent canonical(String previousHash) {
        return new CanonicalEvent(previousHash, eventIdentifier, aggregateIdentifier, sequenceNumber, type,
                                  payloadType, payloadRevision, timeStamp, metaData, payload);
    }

    /** The recording time, read the way Axon reads it; empty when the stored text is no timestamp. */
    Optional<Instant> recordedAt() {
        try {
            return Optional.of(DateTimeUtils.parseInstant(timeStamp));
        } catch (DateTimeParseException | NullPointerException e) {
            return Optional.empty();
        }
    }

    boolean recordedBy(Instant knownAt) {
        return knownAt == null || recordedAt().map(at -> !at.isAfter(knownAt)).orElse(false);
    }
}
