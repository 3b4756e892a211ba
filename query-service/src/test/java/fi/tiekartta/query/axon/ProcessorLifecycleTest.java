package fi.tiekartta.query.axon;

import fi.tiekartta.events.ProjectRegisteredEvent;
import fi.tiekartta.query.QueryServiceTestBase;
import fi.tiekartta.query.projects.ProjectProjection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The project views' processor follows every segment after being stopped and started, however the stop races its
 * segment claims, and a processor that claims fewer segments than it could gets them back while the service runs.
 */
class ProcessorLifecycleTest extends QueryServiceTestBase {

    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private ProcessorLifecycle lifecycle;
    @Autowired
    private MeterRegistry meters;
    @Autowired
    private SegmentBalancer balancer;
    @Value("${tiekartta.projection.unclaimed-grace}")
    private Duration unclaimedGrace;

    @AfterEach
    void running() {
        lifecycle.start(processor());
        await().atMost(Duration.ofSeconds(30)).until(() -> processor().processingStatus().size() == processor().maxCapacity());
    }

    @Test
    void stopsRacingTheSegmentClaims_leaveEveryThreadForTheNextStart() throws InterruptedException {
        TrackingEventProcessor processor = processor();
        for (int i = 0; i < 30; i++) {
            lifecycle.stop(processor);
            assertThat(processor.availableProcessorThreads()).as("free threads after stop %d", i)
                                                             .isEqualTo(processor.maxCapacity());
            // Stopped at once, while its launcher claims segments: Axon sometimes loses the last segment's thread here.
            lifecycle.start(processor);
            Thread.sleep(i % 4);
        }
        lifecycle.stop(processor);
        assertThat(processor.availableProcessorThreads()).isEqualTo(processor.maxCapacity());
        lifecycle.start(processor);

        assertEveryProjectInEverySegmentIsApplied();
    }

    @Test
    void aStopThatLostAThread_givesItBack() throws Exception {
        TrackingEventProcessor processor = processor();
        processor.shutDown();
        // What Axon leaves behind when a shutdown frees the last claimed segment before its worker started.
        ProcessorLifecycle.availableThreads(processor).decrementAndGet();
        double restoredBefore = count("tiekartta.projection.threads.restored");

        lifecycle.stop(processor);

        assertThat(processor.availableProcessorThreads()).isEqualTo(processor.maxCapacity());
        assertThat(count("tiekartta.projection.threads.restored")).isEqualTo(restoredBefore + 1);
    }

    @Test
    void aSegmentLeftWithoutOwner_isClaimedAgainWhileTheServiceRuns() throws Exception {
        TrackingEventProcessor processor = processor();
        processor.shutDown();
        ProcessorLifecycle.availableThreads(processor).decrementAndGet();
        processor.start();
        // As seen after a first build: the processor runs, claims one segment, and the other has no owner.
        await().atMost(Duration.ofSeconds(30)).until(() -> processor.processingStatus().size() == 1);
        double reclaimedBefore = count("tiekartta.projection.segments.reclaimed");

        await().atMost(Duration.ofSeconds(60)).until(() -> processor.processingStatus().size() == 2);

        assertThat(count("tiekartta.projection.segments.reclaimed")).isGreaterThan(reclaimedBefore);
        assertEveryProjectInEverySegmentIsApplied();
    }

    @Test
    void theTimeAProcessorWasStoppedOnPurpose_doesNotCountAsASegmentUnfollowed() throws Exception {
        TrackingEventProcessor processor = processor();
        lifecycle.stop(processor);
        // Stopped as for a first build, for longer than the grace: its segments are without owner all the while.
        balancer.balance();
        Thread.sleep(unclaimedGrace.toMillis() + 500);
        balancer.balance();
        double reclaimedBefore = count("tiekartta.projection.segments.reclaimed");
        // Started one thread short, so that one segment surely stays without owner for the balancer's first look
        // (otherwise only for the moment the processor takes to claim it); that look comes at once, well within
        // the grace, which the safety net rightly acts on afterwards.
        ProcessorLifecycle.availableThreads(processor).decrementAndGet();
        processor.start();

        balancer.balance();

        assertThat(count("tiekartta.projection.segments.reclaimed")).as("restarts of a processor that has just started")
                                                                    .isEqualTo(reclaimedBefore);
    }

    @Test
    void theWorkersWaitingForEvents_canBeWokenAsTheStoreWakesThem() throws Exception {
        // The lock and condition this Axon version keeps private: a lock not the condition's would fail the signal.
        Runnable wakeUp = ProcessorLifecycle.wakeUpOf((EmbeddedEventStore) processor().getMessageSource());
        wakeUp.run();

        lifecycle.stop(processor());
        assertThat(processor().isRunning()).isFalse();
        assertThat(processor().processingStatus()).isEmpty();
        lifecycle.start(processor());
        assertEveryProjectInEverySegmentIsApplied();
    }

    /** Registers projects until both segments have some, and waits until every one answers. */
    private void assertEveryProjectInEverySegmentIsApplied() {
        List<String> ids = new ArrayList<>();
        boolean[] segmentSeen = new boolean[2];
        while (!segmentSeen[0] || !segmentSeen[1] || ids.size() < 6) {
            String id = newProjectId();
            // Axon's segment of an event: the hash of its sequence (the project id), masked by the segment count.
            segmentSeen[id.hashCode() & 1] = true;
            ids.add(id);
            append(id, 0, new ProjectRegisteredEvent(id, "reg", "TEKNIIKKA", "Segmentti", "o", null, null, null,
                                                     LocalDate.of(2024, 1, 1)), "koordinaattori", null);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ids).allSatisfy(
                id -> assertThat(api().get("/api/projects/" + id, managementToken()).status()).as(id).isEqualTo(200)));
    }

    private double count(String name) {
        Counter counter = meters.find(name).tag("processor", ProjectProjection.PROCESSING_GROUP).counter();
        return counter == null ? 0 : counter.count();
    }

    private TrackingEventProcessor processor() {
        return processing.eventProcessor(ProjectProjection.PROCESSING_GROUP, TrackingEventProcessor.class).orElseThrow();
    }
}
