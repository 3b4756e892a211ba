package fi.tiekartta.query.axon;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hook {@link WakeableEventStore#wake} relies on: Axon's reader, waiting out a long fetch delay, queries the
 * storage at once when woken. Events written to the storage behind the store's back stand for the command-service's.
 */
class WakeableEventStoreTest {

    @Test
    void aWokenReaderFindsEventsAppendedElsewhereWithoutWaitingOutItsFetchDelay() throws InterruptedException {
        InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
        WakeableEventStore store = new WakeableEventStore(EmbeddedEventStore.builder().storageEngine(storage)
                                                                            .fetchDelay(TimeUnit.MINUTES.toMillis(10)));
        storage.appendEvents(event(0));
        try (TrackingEventStream stream = store.openStream(null)) {
            assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).isTrue();
            stream.nextAvailable();
            // Caught up: the reader found nothing more and waits out its fetch delay.
            assertThat(stream.hasNextAvailable(300, TimeUnit.MILLISECONDS)).isFalse();

            storage.appendEvents(event(1));
            store.wake();

            assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("event 1");
        } finally {
            store.shutDown();
        }
    }

    private static GenericDomainEventMessage<String> event(long sequence) {
        return new GenericDomainEventMessage<>("Project", "P-1", sequence, "event " + sequence);
    }
}
