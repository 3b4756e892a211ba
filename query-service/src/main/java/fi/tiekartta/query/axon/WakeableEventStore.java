package fi.tiekartta.query.axon;

import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.util.List;

/**
 * Axon's embedded event store, whose one reader of the store can be woken from outside. Axon wakes it only for
 * events appended through this store, and the query-service appends none: the command-service does. Waking it
 * when the command-service announces a commit ({@link AppendNotifications}) lets the reader query at once
 * instead of after the rest of its fetch delay.
 */
public class WakeableEventStore extends EmbeddedEventStore {

    WakeableEventStore(Builder builder) {
        super(builder);
    }

    /** The reader queries the store now if it is waiting; if it is reading, it reads on as it would. */
    public void wake() {
        // What Axon does after an append committed through this store: no events are needed, only the signal.
        afterCommit(List.of());
    }
}
