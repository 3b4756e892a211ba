package fi.tiekartta.command.axon;

import fi.tiekartta.command.CommandServiceTestBase;
import fi.tiekartta.events.ProjectStatusChangedEvent;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import fi.tiekartta.vocabulary.ProjectStatus;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The aggregate cache must never turn another instance's append into a lost update or a spurious conflict: a cached
 * project that the store has moved past is loaded again, and the change is recorded on top of the other one.
 */
class AggregateCacheTest extends CommandServiceTestBase {

    private static final String COORDINATOR = TestTokens.mint("kaisa.koordinaattori", "COORDINATOR");

    @Autowired
    private EventStorageEngine storageEngine;
    @Autowired
    private PlatformTransactionManager transactions;
    @Autowired
    private MeterRegistry meters;

    @Test
    void aCachedProject_isUsedAgain_whileTheStoreHasNothingNewer() {
        String id = registered();
        double hitsBefore = lookups("hit");

        Response first = changeStatus(id, 10);
        Response second = changeStatus(id, 20);

        assertThat(first.json().get("version").asLong()).isEqualTo(1);
        assertThat(second.json().get("version").asLong()).isEqualTo(2);
        assertThat(lookups("hit") - hitsBefore).isEqualTo(2);
    }

    @Test
    void aCachedProject_thatAnotherInstanceChanged_isLoadedAgain_andTheChangeGoesOnTop() {
        String id = registered();
        changeStatus(id, 10); // cached at version 1
        double staleBefore = lookups("stale");

        appendAsAnotherInstanceWould(id, 2);
        Response next = changeStatus(id, 30);

        assertThat(next.status()).as(next.toString()).isEqualTo(201);
        assertThat(next.json().get("version").asLong()).isEqualTo(3);
        assertThat(lookups("stale") - staleBefore).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT sequence_number FROM event_store.domain_event_entry "
                                     + "WHERE aggregate_identifier = ? ORDER BY sequence_number", Long.class, id))
                .containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void aCommandThatFails_leavesNoTraceInTheCache() {
        String id = registered();
        changeStatus(id, 10);

        Response refused = api.post("/api/projects/" + id + "/status-changes", COORDINATOR,
                                    "{\"status\":\"IN_PROGRESS\",\"progressPercent\":140}");
        Response next = changeStatus(id, 40);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(next.json().get("version").asLong()).isEqualTo(2);
        assertThat(eventCount(id)).isEqualTo(3);
    }

    private String registered() {
        String id = uniqueProjectId();
        Response registered = api.post("/api/projects", COORDINATOR,
                                       "{\"projectId\":\"" + id + "\",\"sector\":\"TEKNIIKKA\",\"title\":\"Välimuisti\",\"owner\":\"matti.m\"}");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return id;
    }

    private Response changeStatus(String id, int percent) {
        Response response = api.post("/api/projects/" + id + "/status-changes", COORDINATOR,
                                     "{\"status\":\"IN_PROGRESS\",\"progressPercent\":" + percent + "}");
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response;
    }

    /** Straight through the storage engine, as a second command-service instance's append reaches the store. */
    private void appendAsAnotherInstanceWould(String id, long sequence) {
        new TransactionTemplate(transactions).executeWithoutResult(tx -> storageEngine.appendEvents(List.of(
                new GenericDomainEventMessage<>("Project", id, sequence,
                        new ProjectStatusChangedEvent(id, UUID.randomUUID().toString(), ProjectStatus.IN_PROGRESS,
                                                      ProjectStatus.IN_PROGRESS, LocalDate.now(), 20, null, null, null, null),
                        MetaData.with("actor", "toinen-instanssi")))));
    }

    private double lookups(String result) {
        return meters.get("tiekartta.aggregate.cache.lookups").tag("result", result).counter().count();
    }
}
