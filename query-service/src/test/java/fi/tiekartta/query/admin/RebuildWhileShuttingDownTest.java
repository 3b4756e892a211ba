package fi.tiekartta.query.admin;

import fi.tiekartta.query.QueryServiceTestBase;
import fi.tiekartta.query.axon.ProcessorLifecycle;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A rebuild that cannot be handed to the runner claims nothing, or lets its claim go at once: no lock held by a
 * connection nobody will release, no {@code running_on} for a rebuild that never runs. One stopped with its instance
 * lets its claim go and stays recorded as running, for another instance to take up. Each case has an instance of
 * its own around the shared service's beans, made here and registered nowhere, so that no context destroys it and
 * the shared instance goes on rebuilding for the other tests.
 */
class RebuildWhileShuttingDownTest extends QueryServiceTestBase {

    @Autowired
    private ApplicationContext context;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private RebuildHold hold;
    /** The shared service's own rebuild, as another instance of the deployment. */
    @Autowired
    private ReadModelRebuild running;

    @Test
    void aRebuildAskedAfterTheRunnerStopped_isRefused_andClaimsNothing() throws Exception {
        ReadModelRebuild stopping = context.getAutowireCapableBeanFactory().createBean(ReadModelRebuild.class);
        Map<String, Object> stateBefore = rebuildState();
        shutDown(stopping);

        assertThatThrownBy(stopping::start).isInstanceOf(RebuildUnavailableException.class);

        assertThat(rebuildState()).isEqualTo(stateBefore);
        assertThat(rebuildLocksHeld()).isZero();
    }

    @Test
    void aRebuildWhoseStartCannotBeRecorded_letsItsClaimGo() throws Exception {
        JdbcTemplate failing = new JdbcTemplate(dataSource) {
            @Override
            public int update(String sql, Object... args) {
                throw new DataAccessResourceFailureException("the database went away");
            }
        };
        ReadModelRebuild rebuild = new ReadModelRebuild(
                context.getBean(EventProcessingConfiguration.class), context.getBean(ProcessorLifecycle.class), dataSource,
                failing, context.getBean(BulkBuild.class), null, context.getBean(RebuildHold.class), context.getBean(Clock.class),
                100_000, 2);
        try {
            assertThatThrownBy(rebuild::start).isInstanceOf(DataAccessResourceFailureException.class);

            assertThat(rebuildLocksHeld()).isZero();
        } finally {
            rebuild.stop();
        }
    }

    @Test
    void aRebuildStoppedWithItsInstance_letsItsClaimGo_andIsTakenUpByAnInstanceStillRunning() throws Exception {
        Object builtAt = builtAt();
        try (HeldRebuild stopping = new HeldRebuild()) {
            shutDown(stopping.instance);
            stopping.letGo();

            assertThat(rebuildLocksHeld()).as("the stopped rebuild's lock").isZero();
            assertThat(builtAt()).as("no switch: the read model in use stays").isEqualTo(builtAt);
            assertThat(jdbc.queryForObject("SELECT running_on FROM read_model.rebuild_state", String.class))
                    .as("recorded as running, for another instance to take up").isNotNull();

            running.takeUpStopped(); // what its schedule does; a start does the same (buildWhatIsMissing)
            await().atMost(Duration.ofSeconds(60)).until(() -> rebuildLocksHeld() == 0
                    && jdbc.queryForObject("SELECT running_on FROM read_model.rebuild_state", String.class) == null);
            assertThat(builtAt()).as("taken up and switched over").isNotEqualTo(builtAt);
            assertThat(buildIndexes()).isZero();
        }
    }

    @Test
    void aRebuildWhoseRecordIsNoLongerItsOwn_doesNotSwitch_andLeavesTheRecordAlone() throws Exception {
        Object builtAt = builtAt();
        try (HeldRebuild lost = new HeldRebuild()) {
            // As if its lock's session had ended and another instance had taken the rebuild up meanwhile
            jdbc.update("UPDATE read_model.rebuild_state SET started_at = started_at + interval '1 second'");
            Object takenUpAt = jdbc.queryForObject("SELECT started_at FROM read_model.rebuild_state", Object.class);
            lost.letGo();
            await().atMost(Duration.ofSeconds(30)).until(() -> rebuildLocksHeld() == 0);

            assertThat(builtAt()).as("no switch to tables that are another rebuild's now").isEqualTo(builtAt);
            assertThat(jdbc.queryForMap("SELECT started_at, running_on FROM read_model.rebuild_state"))
                    .as("the other rebuild's record, left as it was").containsEntry("started_at", takenUpAt)
                    .hasEntrySatisfying("running_on", runningOn -> assertThat(runningOn).isNotNull());
            assertThat(buildIndexes()).as("the other rebuild's build tables, left as they were").isPositive();
        }
    }

    /**
     * A rebuild of an extra instance, held before its switch ({@link RebuildHold}) once it has built an index, or in
     * its index phase: whichever it has reached. Closed, it shuts that instance down and clears what it left, so that
     * the test classes after this one find no rebuild recorded, no claim and no build tables, whatever failed.
     */
    private final class HeldRebuild implements AutoCloseable {

        private final ReadModelRebuild instance = context.getAutowireCapableBeanFactory().createBean(ReadModelRebuild.class);
        private final Path held = Files.createDirectories(Path.of("target")).resolve("rebuild-hold-" + UUID.randomUUID());

        private HeldRebuild() throws IOException {
            Files.createFile(held);
            hold.holdWhileExists(held);
            try {
                instance.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> buildIndexes() > 0);
            } catch (RuntimeException | Error e) {
                close();
                throw e;
            }
        }

        /** Lets the held rebuild go on to its switch. */
        void letGo() throws IOException {
            hold.holdWhileExists(null);
            Files.deleteIfExists(held);
        }

        @Override
        public void close() throws IOException {
            shutDown(instance);
            letGo();
            await().atMost(Duration.ofSeconds(60)).until(() -> rebuildLocksHeld() == 0);
            jdbc.update("UPDATE read_model.rebuild_state SET running_on = NULL");
            context.getBean(BulkBuild.class).dropBuild();
        }
    }

    private Object builtAt() {
        return jdbc.queryForObject("SELECT built_at FROM read_model.rebuild_state", Object.class);
    }

    /** As its context would when closing: its runner stopped ({@code @PreDestroy}) and its schedule cancelled. */
    private void shutDown(ReadModelRebuild instance) {
        context.getAutowireCapableBeanFactory().destroyBean(instance);
    }

    private long buildIndexes() {
        return jdbc.queryForObject("SELECT count(*) FROM pg_indexes WHERE schemaname = 'read_model_build'", Long.class);
    }

    /** The rebuild's advisory lock in this test's database, held by any session. */
    private long rebuildLocksHeld() {
        return jdbc.queryForObject("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                                   + " AND classid = ? AND objid = 1 AND objsubid = 2"
                                   + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                                   Long.class, 0x74696b);
    }

    private Map<String, Object> rebuildState() {
        return jdbc.queryForMap("SELECT started_at, running_on, events_total, events_done FROM read_model.rebuild_state");
    }
}
