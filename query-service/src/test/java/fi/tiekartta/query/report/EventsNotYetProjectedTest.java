package fi.tiekartta.query.report;

import fi.tiekartta.events.ProjectRegisteredEvent;
import fi.tiekartta.query.QueryServiceTestBase;
import fi.tiekartta.query.axon.ProcessorLifecycle;
import fi.tiekartta.query.projects.ProjectProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What keeps a year-end report from being made too early: the events recorded up to its instant that the change log
 * lacks, counted from the store against the log, on the real tables.
 */
class EventsNotYetProjectedTest extends QueryServiceTestBase {

    @Autowired
    private ReportTimelines timelines;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private ProcessorLifecycle lifecycle;

    @Test
    void anEventRecordedButNotApplied_isCountedAtAndAfterItsInstant_untilTheProjectionAppliesIt() {
        StreamingEventProcessor processor = processing
                .eventProcessor(ProjectProjection.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        String id = newProjectId();
        lifecycle.stop(processor);
        Instant before = Instant.now();
        long waitingBefore;
        try {
            waitingBefore = timelines.eventsNotYetProjected(before); // nothing is applied while the processor is down
            pauseBetweenEvents();
            append(id, 0, new ProjectRegisteredEvent(id, "reg", "TEKNIIKKA", "Odottava", "matti.m", 2024, 2025, null,
                                                     LocalDate.of(2024, 1, 1)), "koordinaattori", null);
            Instant after = pauseBetweenEvents();
            assertThat(timelines.eventsNotYetProjected(after)).isEqualTo(waitingBefore + 1);
            assertThat(timelines.eventsNotYetProjected(before)).as("recorded after that instant").isEqualTo(waitingBefore);
        } finally {
            lifecycle.start(processor);
        }
        awaitProjectedVersion(id, 0);
        // Applied, though the processor's position (the slowest segment's) may not have passed it yet: the change log
        // has it, so it is no longer counted.
        assertThat(timelines.eventsNotYetProjected(Instant.now())).isLessThanOrEqualTo(waitingBefore);
    }
}
