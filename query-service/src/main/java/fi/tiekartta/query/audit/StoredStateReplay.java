package fi.tiekartta.query.audit;

import fi.tiekartta.query.projects.InvalidQueryException;
import fi.tiekartta.query.projects.ProjectNotFoundException;
import fi.tiekartta.query.projects.ProjectTimeline;
import fi.tiekartta.query.projects.ProjectTimeline.Segment;
import fi.tiekartta.query.projects.ProjectView;
import fi.tiekartta.query.projects.RecordedChange;
import fi.tiekartta.query.projects.RecordedChanges;
import fi.tiekartta.query.projects.TimePoint;
import fi.tiekartta.support.web.FieldViolation;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.UnknownSerializedType;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A project as its stored events say, replayed from the event store itself rather than read from the read
 * models: the rows are deserialized with the store's own serializer into the shared event records, read as
 * changes the way the projection reads them ({@link RecordedChanges}) and folded by the same pure
 * {@link ProjectTimeline}. Where this and {@code GET /api/projects/{id}} disagree, the read model is wrong.
 */
@Component
class StoredStateReplay {

    private final StoredEvents events;
    private final Serializer serializer;

    StoredStateReplay(StoredEvents events, @Qualifier("eventSerializer") Serializer serializer) {
        this.events = events;
        this.serializer = serializer;
    }

    /**
     * The project on {@code asOf} after its events 0..{@code atSequence}, or as known at {@code knownAt}, or after all
     * of them when both are null. As known at an instant, as the views answer it (docs/TIME.md, "A time stamp earlier
     * than the one before it"): the state is the fold of the events before the first one stamped after
     * {@code knownAt}, since an event stamped before the one ahead of it counts from that one's stamp; the version is
     * the last event stamped by then. The two differ only where a stream's stamps step back.
     */
    ProjectView replay(String projectId, Long atSequence, Instant knownAt, LocalDate asOf) {
        List<StoredEvent> stream = events.stream(projectId);
        if (stream.isEmpty()) {
            throw new ProjectNotFoundException(projectId);
        }
        List<StoredEvent> replayed = select(stream, atSequence, knownAt);
        List<StoredEvent> folded = knownAt == null ? replayed
                : stream.stream().takeWhile(e -> !recordedAt(e).isAfter(knownAt)).toList();
        if (replayed.isEmpty() || folded.isEmpty()) {
            throw new ProjectNotFoundException(projectId, new TimePoint(asOf, knownAt));
        }
        StoredEvent last = replayed.get(replayed.size() - 1);
        Instant lastRecordedAt = recordedAt(last);
        List<RecordedChange> changes = folded.stream().map(this::message)
                                               .map(RecordedChanges::of).flatMap(Optional::stream).toList();
        if (changes.isEmpty()) {
            // A project's stream begins with its registration; this is another aggregate's (a reporting round's).
            throw new ProjectNotFoundException(projectId);
        }
        Segment segment = ProjectTimeline.fold(changes).stream()
                                         .filter(s -> !s.validFrom().isAfter(asOf)
                                                      && (s.validTo() == null || asOf.isBefore(s.validTo())))
                                         .findFirst()
                                         .orElseThrow(() -> new ProjectNotFoundException(
                                                 projectId, new TimePoint(asOf, lastRecordedAt)));
        return ProjectView.of(segment.state(), last.sequenceNumber(), lastRecordedAt);
    }

    private List<StoredEvent> select(List<StoredEvent> stream, Long atSequence, Instant knownAt) {
        if (atSequence != null) {
            long head = stream.get(stream.size() - 1).sequenceNumber();
            if (atSequence < 0 || atSequence > head) {
                throw new InvalidQueryException(new FieldViolation(
                        "atSequence", "must be between 0 and " + head + ", the project's last sequence"));
            }
            return stream.stream().filter(e -> e.sequenceNumber() <= atSequence).toList();
        }
        if (knownAt != null) {
            return stream.stream().filter(e -> !recordedAt(e).isAfter(knownAt)).toList();
        }
        return stream;
    }

    private DomainEventMessage<?> message(StoredEvent event) {
        Object payload;
        MetaData metaData;
        try {
            payload = serializer.deserialize(new SimpleSerializedObject<>(
                    event.payload(), String.class, event.payloadType(), event.payloadRevision()));
        } catch (SerializationException | IllegalArgumentException e) {
            throw new UnreadableEventException(event, "payload", e);
        }
        if (payload instanceof UnknownSerializedType) {
            throw new UnreadableEventException(event, "unknown payload type " + event.payloadType(), null);
        }
        try {
            metaData = event.metaData() == null ? MetaData.emptyInstance()
                    : serializer.deserialize(new SimpleSerializedObject<>(
                            event.metaData(), String.class, MetaData.class.getName(), null));
        } catch (SerializationException | IllegalArgumentException e) {
            throw new UnreadableEventException(event, "metadata", e);
        }
        return new GenericDomainEventMessage<>(event.type(), event.aggregateIdentifier(), event.sequenceNumber(),
                                               payload, metaData, event.eventIdentifier(), recordedAt(event));
    }

    private static Instant recordedAt(StoredEvent event) {
        return event.recordedAt().orElseThrow(() -> new UnreadableEventException(event, "time_stamp", null));
    }
}
