package fi.tiekartta.query.observability;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tiekartta.events.ProjectRegisteredEvent;
import fi.tiekartta.events.ProjectStatusChangedEvent;
import fi.tiekartta.query.projects.ProjectProjection;
import fi.tiekartta.support.web.CorrelationIds;
import fi.tiekartta.testsupport.HttpApi;
import fi.tiekartta.query.QueryServiceDatabase;
import fi.tiekartta.query.RunningQueryService;
import fi.tiekartta.testsupport.TestDatabase;
import fi.tiekartta.testsupport.TestTokens;
import fi.tiekartta.vocabulary.AuditMetadata;
import fi.tiekartta.vocabulary.ProjectStatus;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator of the query-service sees in /actuator/prometheus and /actuator/health, as the running service
 * exposes them: status changes counted from live events only, the lag of each live event, how far a processor is
 * behind, health going DOWN while the projection fails, and the event's correlation id in the logging context
 * while it is projected. A database of its own: tests here stop processors and break a table for a moment.
 */
@AutoConfigureObservability(tracing = false)
@Import(ProjectionObservabilityTest.MdcProbe.class)
class ProjectionObservabilityTest extends RunningQueryService {

    private static final TestDatabase DATABASE = QueryServiceDatabase.withEventStore("observability");
    private static final String ADMIN = TestTokens.mint("yllapito", "ADMIN");
    private static final String READER = TestTokens.mint("johtaja", "MANAGEMENT");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        QueryServiceDatabase.register(registry, DATABASE);
    }

    @Autowired
    private EventStore eventStore;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void aLiveStatusChange_isCountedByStatusAndSector_andAReplayDoesNotCountItAgain() {
        String counter = "tiekartta_status_changes_total{application=\"query-service\",sector=\"HYVINVOINTI\",status=\"WAITING\"}";
        double before = valueOr0(counter);
        String id = registered("HYVINVOINTI");
        append(id, 1, statusChange(id, ProjectStatus.WAITING), "c-1");
        awaitVersion(id, 1);

        assertThat(valueOr0(counter) - before).isEqualTo(1);

        rebuildReadModel();
        awaitVersion(id, 1);
        assertThat(valueOr0(counter) - before).as("replayed, not counted again").isEqualTo(1);
    }

    @Test
    void eachLiveEventsLag_goesIntoTheHistogram() {
        String count = "tiekartta_projection_event_lag_seconds_count{application=\"query-service\",processor=\"project-views\"}";
        double before = valueOr0(count);
        String id = registered("TEKNIIKKA");
        append(id, 1, statusChange(id, ProjectStatus.IN_PROGRESS), "c-2");
        awaitVersion(id, 1);

        await().atMost(Duration.ofSeconds(5)).until(() -> valueOr0(count) - before >= 2);
        assertThat(prometheus()).containsPattern(
                "tiekartta_projection_event_lag_seconds_bucket\\{(?=[^}]*le=\"0\\.2\")(?=[^}]*processor=\"project-views\")");
    }

    @Test
    void aProcessorThatCaughtUp_isNeitherLateNorBehind() {
        String id = registered("TEKNIIKKA");
        append(id, 1, statusChange(id, ProjectStatus.PLANNED), "c-3");
        awaitVersion(id, 1);

        String lag = "tiekartta_projection_lag_seconds{application=\"query-service\",processor=\"project-views\"}";
        String behind = "tiekartta_projection_behind_events{application=\"query-service\",processor=\"project-views\"}";
        await().atMost(Duration.ofSeconds(10)).until(() -> value(behind) == 0 && value(lag) == 0);
        assertThat(value("tiekartta_projection_segments{application=\"query-service\",processor=\"project-views\"}"))
                .isEqualTo(2);
    }

    @Test
    void aProjectionThatFails_makesItsProcessorsHealthDown_untilItRecovers() {
        assertThat(processorsHealth().status()).isEqualTo(200);
        jdbc.execute("ALTER TABLE read_model.project_change RENAME TO project_change_away");
        try {
            String id = newProjectId();
            append(id, 0, registration(id, "TEKNIIKKA"), "c-4");
            await().atMost(Duration.ofSeconds(20)).until(() -> processorsHealth().status() == 503);
            JsonNode health = api().get("/actuator/health/processors", ADMIN).json();
            assertThat(health.at("/components/eventProcessors/components/project-views/status").asText()).isEqualTo("DOWN");
            assertThat(health.at("/components/eventProcessors/components/project-views/details/error").asText())
                    .contains("project_change");
        } finally {
            jdbc.execute("ALTER TABLE read_model.project_change_away RENAME TO project_change");
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> processorsHealth().status() == 200);
        assertThat(api().get("/actuator/health", null).json().at("/components/db/status").asText()).isEqualTo("UP");
    }

    @Test
    void whileAnEventIsProjected_itsCorrelationIdIsInTheLoggingContext() {
        String id = registered("KAUPUNKI");
        append(id, 1, statusChange(id, ProjectStatus.INVESTIGATING), "request-77");
        awaitVersion(id, 1);

        assertThat(MdcProbe.SEEN.get(id + "/1")).isEqualTo("request-77");
    }

    @Test
    void axonsProcessorMonitors_andTheRebuildsProgress_areExposed() {
        String id = registered("ELINVOIMA");
        awaitVersion(id, 0);

        String metrics = prometheus();

        assertThat(metrics).containsPattern("eventProcessor[A-Za-z_]*\\{[^}]*processorName=\"project-views\"");
        assertThat(metrics).contains("tiekartta_rebuild_active{application=\"query-service\"} 0.0");
        assertThat(metrics).containsPattern("tiekartta_rebuild_events_to_replay\\{[^}]*processor=\"project-views\"");
    }

    private HttpApi.Response processorsHealth() {
        return api().get("/actuator/health/processors", null);
    }

    private StreamingEventProcessor processor() {
        return processing.eventProcessor(ProjectProjection.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
    }

    private String registered(String sector) {
        String id = newProjectId();
        append(id, 0, registration(id, sector), "r-" + id);
        return id;
    }

    private static ProjectRegisteredEvent registration(String id, String sector) {
        return new ProjectRegisteredEvent(id, "reg-" + id, sector, "Hanke", "matti.m", 2024, 2025, null,
                                          LocalDate.of(2024, 1, 1));
    }

    private static ProjectStatusChangedEvent statusChange(String id, ProjectStatus status) {
        return new ProjectStatusChangedEvent(id, "change-" + id, status, ProjectStatus.NOT_STARTED,
                                             LocalDate.of(2024, 2, 1), null, null, null, null, null);
    }

    private void append(String id, long sequence, Object payload, String correlationId) {
        eventStore.publish(new GenericDomainEventMessage<>("Project", id, sequence, payload, MetaData.from(
                Map.of(AuditMetadata.ACTOR, "testi", AuditMetadata.CORRELATION_ID, correlationId))));
    }

    private void awaitVersion(String id, long version) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            HttpApi.Response view = api().get("/api/projects/" + id + "?asOf=2030-01-01", READER);
            return view.status() == 200 && view.json().get("version").asLong() == version;
        });
    }

    private String prometheus() {
        HttpApi.Response metrics = api().get("/actuator/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        return metrics.body();
    }

    private double value(String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(prometheus());
        if (!m.find()) {
            throw new AssertionError(series + " not in the metrics");
        }
        return Double.parseDouble(m.group(1));
    }

    private double valueOr0(String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(prometheus());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** A second handler in the projection's processing group that notes the correlation id in the MDC per event. */
    @TestConfiguration
    static class MdcProbe {

        static final Map<String, String> SEEN = new ConcurrentHashMap<>();

        @Bean
        Handler mdcProbeHandler() {
            return new Handler();
        }

        @ProcessingGroup(ProjectProjection.PROCESSING_GROUP)
        static class Handler {
            @EventHandler
            void on(Object event, DomainEventMessage<?> message) {
                SEEN.put(message.getAggregateIdentifier() + "/" + message.getSequenceNumber(),
                         String.valueOf(MDC.get(CorrelationIds.MDC_KEY)));
            }
        }
    }
}
