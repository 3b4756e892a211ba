package fi.tiekartta.query.admin;

import com.zaxxer.hikari.HikariDataSource;
import fi.tiekartta.query.axon.ProcessorLifecycle;
import fi.tiekartta.query.projects.ProjectProjection;
import fi.tiekartta.support.eventstore.EventStoreTables;
import io.swagger.v3.oas.annotations.media.Schema;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.lang.Nullable;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;
import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Rebuilds the read model from the event store beside the one in use, which keeps answering every query (kept
 * current by the processor) until the new one takes its place in one short transaction. {@link BulkBuild} builds
 * the new tables in their own schema from one snapshot of the store; then the switch stops this instance's
 * processors, moves the old tables out and the new ones into {@code read_model}, sets the processors' tokens to the
 * snapshot's last global index and commits; the processors go on from there on the new tables.
 *
 * <p>One instance rebuilds at a time: it holds an advisory lock for as long as it does, and records the rebuild in
 * {@code read_model.rebuild_state}, which every instance reads. An instance that dies mid-rebuild leaves the old
 * read model in place (the build schema is just dropped) and releases the lock with its connection; the next
 * instance to start, or one still running ({@link #takeUpStopped}), takes the rebuild up again from the beginning.
 * Only a deployment that never had a read model answers 503 until its first build ends ({@link RebuildGate}).
 */
@Component
public class ReadModelRebuild implements ApplicationContextAware {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);
    /** The advisory lock of the rebuild, (class, object) in pg_locks. */
    private static final int LOCK_CLASS = 0x74696b;
    private static final int LOCK_OBJECT = 1;
    private static final String RETIRED_SCHEMA = "read_model_retired";
    private static final long STATUS_FRESH_NANOS = 500_000_000L;
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final EventProcessingConfiguration processing;
    private final ProcessorLifecycle lifecycle;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final BulkBuild build;
    private final Serializer tokenSerializer;
    private final RebuildHold hold;
    private final Clock clock;
    private final long buildBeforeReadyUpTo;
    private final int initialSegments;
    private final String node = ManagementFactory.getRuntimeMXBean().getName();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "read-model-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Status status;
    private volatile long statusReadAt;
    private ApplicationContext context;
    /** Once a read model exists it is never taken away again: no need to ask the database any more. */
    private volatile boolean built;

    public ReadModelRebuild(EventProcessingConfiguration processing, ProcessorLifecycle lifecycle, DataSource dataSource, JdbcTemplate jdbc,
                            BulkBuild build, Serializer tokenSerializer, RebuildHold hold, Clock clock,
                            @Value("${tiekartta.rebuild.build-before-ready-up-to-events:100000}") long buildBeforeReadyUpTo,
                            @Value("${axon.eventhandling.processors.project-views.initial-segment-count:2}") int initialSegments) {
        this.processing = processing;
        this.lifecycle = lifecycle;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.build = build;
        this.tokenSerializer = tokenSerializer;
        this.hold = hold;
        this.clock = clock;
        this.buildBeforeReadyUpTo = buildBeforeReadyUpTo;
        this.initialSegments = initialSegments;
    }

    @Override
    public void setApplicationContext(ApplicationContext context) {
        this.context = context;
    }

    /** Progress of one processor's read model: events applied of how many, and the rate since the rebuild started. */
    public record ProcessorProgress(String processor, boolean replaying, long eventsDone, long eventsTotal,
                                    double eventsPerSecond) {
    }

    /** What {@code GET /api/admin/replay} answers. */
    public record Progress(@Schema(allowableValues = {"IDLE", "REBUILDING"}) String state, @Nullable Instant startedAt, List<ProcessorProgress> processors) {
    }

    /** The rebuild state row as last read. {@code running}: a rebuild holds the lock now. */
    record Status(boolean built, @Nullable Instant startedAt, boolean running, boolean interrupted, long eventsTotal,
                  long eventsDone) {
    }

    /**
     * On start: builds the first read model of a deployment that has none (before answering ready when the store is
     * small, else in the background while the read endpoints answer 503), and takes up a rebuild an instance died in.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void buildWhatIsMissing() throws Exception {
        Status now = status(true);
        if (now.built() && !now.interrupted()) {
            return;
        }
        CompletableFuture<Void> started;
        try {
            RebuildTask task = begin(true);
            if (task == null) {
                return; // another instance has built it meanwhile
            }
            started = task.ended;
        } catch (RebuildRunningException e) {
            return; // another instance has just begun it
        } catch (RebuildUnavailableException e) {
            return; // shutting down as it became ready; another instance takes it up
        }
        if (!now.built() && storedEvents() <= buildBeforeReadyUpTo) {
            try {
                started.get();
            } catch (CancellationException e) {
                // shut down before the build began (stop()); another instance takes it up
            }
        }
    }

    /**
     * Takes up a rebuild recorded as running that no instance holds (its instance died or was stopped), every
     * {@code tiekartta.rebuild.take-up-interval}: in a rolling deployment the instances that run on started before it
     * stopped, and would otherwise leave it for the next start. One instance wins the claim; the others let it be.
     */
    @Scheduled(fixedDelayString = "${tiekartta.rebuild.take-up-interval:PT30S}",
               initialDelayString = "${tiekartta.rebuild.take-up-interval:PT30S}")
    void takeUpStopped() {
        try {
            if (runner.isShutdown() || !status(true).interrupted()) {
                return;
            }
            if (begin(true) != null) {
                log.info("Took up a rebuild of the read model that its instance left unfinished");
            }
        } catch (RebuildRunningException | RebuildUnavailableException e) {
            // another instance took it up first, or this one is stopping
        } catch (RuntimeException e) {
            log.warn("Could not look for a rebuild to take up; looking again later ({})", e.toString());
        }
    }

    /**
     * Begins a rebuild in the background; 409 ({@link RebuildRunningException}) when one runs already, 503
     * ({@link RebuildUnavailableException}) when this instance is shutting down.
     */
    public synchronized Progress start() {
        RebuildTask task = begin(false);
        try {
            return progress();
        } catch (DataAccessException e) {
            // The rebuild runs; answer what is known of it rather than a failure that would be retried into a 409.
            log.warn("Could not read the rebuild's progress after starting it", e);
            return new Progress("REBUILDING", task.startedAt, List.of(
                    new ProcessorProgress(ProjectProjection.PROCESSING_GROUP, true, 0, 0, 0)));
        }
    }

    /**
     * Claims the rebuild and hands it to the runner. Synchronized with {@link #stop}, so that a rebuild is either
     * handed over before the runner stops or not claimed at all; whatever fails between the claim and the hand-over
     * releases the claim. A claim whose rebuild never runs would keep its lock, and the lock's connection, until the
     * pool closed.
     *
     * @param onlyIfStillNeeded begin only if, with the claim held, there is still no read model or a rebuild is still
     *                          recorded as running: what was read before claiming may have been ended meanwhile by the
     *                          instance that held the claim then (null: not begun, the claim let go)
     */
    private synchronized @Nullable RebuildTask begin(boolean onlyIfStillNeeded) {
        if (runner.isShutdown()) {
            throw new RebuildUnavailableException();
        }
        Connection lock = claim();
        // The rebuild's identity in rebuild_state (a timestamptz keeps microseconds): see requireStillOurs.
        RebuildTask task = new RebuildTask(lock, clock.instant().truncatedTo(ChronoUnit.MICROS));
        try {
            if (onlyIfStillNeeded && !Boolean.TRUE.equals(jdbc.queryForObject(
                    "SELECT built_at IS NULL OR running_on IS NOT NULL FROM read_model.rebuild_state", Boolean.class))) {
                release(lock);
                return null;
            }
            jdbc.update("UPDATE read_model.rebuild_state SET started_at = ?, running_on = ?, events_total = 0, events_done = 0",
                        at(task.startedAt), node);
            runner.execute(task);
        } catch (RuntimeException | Error e) {
            release(lock);
            throw e;
        }
        try {
            status(true);
        } catch (DataAccessException e) {
            // The rebuild runs; only the cached status is older (it is read again within STATUS_FRESH_NANOS).
            log.warn("Could not read the rebuild's state after handing it over", e);
        }
        return task;
    }

    /** A rebuild handed to the runner, with the claim it releases when it ends ({@link #stop} when it never starts). */
    private final class RebuildTask implements Runnable {

        private final Connection lock;
        private final Instant startedAt;
        private final CompletableFuture<Void> ended = new CompletableFuture<>();

        private RebuildTask(Connection lock, Instant startedAt) {
            this.lock = lock;
            this.startedAt = startedAt;
        }

        @Override
        public void run() {
            if (runner.isShutdown()) {
                // Handed over just before stop(): a pool's first task goes to its new thread, not to the queue that
                // shutdownNow() returns, and that thread runs it anyway. It never began; release as stop() does.
                release(lock);
                ended.cancel(false);
                return;
            }
            try {
                rebuild(lock, startedAt);
            } finally {
                ended.complete(null);
            }
        }
    }

    /** The advisory lock on a connection of its own, held for as long as the rebuild runs; 409 when another holds it. */
    private Connection claim() {
        Connection lock = null;
        try {
            lock = dataSource.getConnection();
            lock.setAutoCommit(true);
            try (PreparedStatement claim = lock.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
                claim.setInt(1, LOCK_CLASS);
                claim.setInt(2, LOCK_OBJECT);
                try (ResultSet rs = claim.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return lock;
                    }
                }
            }
        } catch (SQLException e) {
            closeQuietly(lock);
            throw new IllegalStateException("could not claim the rebuild", e);
        }
        closeQuietly(lock);
        throw new RebuildRunningException();
    }

    private void release(Connection lock) {
        try (Statement unlock = lock.createStatement()) {
            unlock.execute("SELECT pg_advisory_unlock(" + LOCK_CLASS + ", " + LOCK_OBJECT + ")");
        } catch (SQLException e) {
            // Back in the pool the session would keep the lock (every instance answering 409) until the connection
            // is retired; evicted, its session ends, and the lock with it.
            log.warn("Could not release the rebuild's lock; closing its connection for good instead", e);
            if (evict(lock)) {
                return;
            }
        }
        closeQuietly(lock);
    }

    private boolean evict(Connection lock) {
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                dataSource.unwrap(HikariDataSource.class).evictConnection(lock);
                return true;
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("Could not evict the rebuild lock's connection", e);
        }
        return false;
    }

    private static void closeQuietly(@Nullable Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("Could not close the rebuild lock's connection", e);
        }
    }

    private void rebuild(Connection lock, Instant startedAt) {
        boolean first = false;
        boolean switchedOver = false;
        try {
            first = !status(true).built();
            log.info("Rebuilding the read model from the event store beside the one in use");
            if (first) {
                // No read model to keep current: the processors would only rebuild it a second, slower way.
                processors().forEach(lifecycle::stop);
            }
            long began = System.nanoTime();
            BuildTimes times = new BuildTimes();
            build.prepare();
            long[] reportedAt = {System.nanoTime()};
            BulkBuild.Snapshot snapshot = build.fill(times,
                    total -> jdbc.update("UPDATE read_model.rebuild_state SET events_total = ?", total),
                    done -> {
                        if (System.nanoTime() - reportedAt[0] > 500_000_000L) {
                            reportedAt[0] = System.nanoTime();
                            jdbc.update("UPDATE read_model.rebuild_state SET events_done = ?", done);
                        }
                    });
            jdbc.update("UPDATE read_model.rebuild_state SET events_done = ?", snapshot.events());
            long filled = System.nanoTime();
            build.index(times);
            build.projectRounds(snapshot);
            long indexed = System.nanoTime();
            hold.await();
            long switching = System.nanoTime();
            long switched = switchOver(snapshot, startedAt, times);
            // Where the time went, for docs/PERFORMANCE.md: read, fold and COPY; indexes; the switch (its transaction
            // and the processors' stop and start); then the parts of the first two (the COPY thread and the index
            // builders run beside the reading thread and each other).
            log.info("Read model rebuilt from {} events up to global index {}: read, folded and copied in {} ms, indexed in {} ms, "
                     + "switched in {} ms; reading {} ms, folding {} ms, waiting for COPY {} ms; {}; {}; {}",
                     snapshot.events(), snapshot.head(), (filled - began) / 1_000_000,
                     (indexed - filled) / 1_000_000, (switched - switching) / 1_000_000,
                     times.millis("read"), times.millis("fold"), times.millis("waiting"), "COPY " + times.list("copy "),
                     times.list("index ") + ", " + times.list("analyze "), "switch: " + times.list("switch "));
            switchedOver = true;
        } catch (Exception | Error e) {
            if (runner.isShutdown()) {
                // Stopped with the instance (stop() interrupts it). running_on stays, so another instance (one still
                // running, or the next to start) drops the build's tables and takes the rebuild up; no processors
                // started while shutting down. The interrupt has done its work: cleared, so that the lock's release
                // below can still use the pool.
                Thread.interrupted();
                log.info("The rebuild of the read model stopped with this instance ({}); unless it had switched over, the "
                         + "read model in use stays and another instance takes the rebuild up", e.toString());
                return;
            }
            log.error("The rebuild of the read model failed; the read model in use stays", e);
            // Only while the record is still this rebuild's: one whose claim was lost (its lock's session ended) may
            // have been taken up by another instance, whose record and build tables these are now.
            if (jdbc.update("UPDATE read_model.rebuild_state SET running_on = NULL WHERE started_at = ?", at(startedAt)) == 1) {
                try {
                    build.dropBuild();
                } catch (RuntimeException cleanup) {
                    log.warn("Could not drop the build schema", cleanup);
                }
            }
            if (first && !runner.isShutdown()) {
                processors().forEach(lifecycle::start);
            }
        } finally {
            release(lock);
            status(true);
        }
        if (switchedOver) {
            dropRetired();
        }
    }

    /**
     * The switch, in one transaction: old tables out, new ones in, tokens to the snapshot's head. This instance's
     * processors are stopped meanwhile; another instance's processor loses its claim (owner cleared) and its batch
     * in flight fails on its token update and is rolled back, so it too goes on from the head on the new tables.
     * DDL and token updates of the two can deadlock; PostgreSQL then cancels one, and a cancelled switch is tried
     * again. Returns when it ended ({@link System#nanoTime()}); the parts go to {@code times}.
     */
    private long switchOver(BulkBuild.Snapshot snapshot, Instant startedAt, BuildTimes times)
            throws SQLException, InterruptedException {
        List<StreamingEventProcessor> processors = processors();
        long at = System.nanoTime();
        processors.forEach(lifecycle::stop);
        at = times.add("switch stopping processors", at);
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    switchTables(snapshot, startedAt);
                    break;
                } catch (SQLException e) {
                    if (attempt >= 5 || !("40P01".equals(e.getSQLState()) || "55P03".equals(e.getSQLState()))) {
                        throw e;
                    }
                    log.info("The switch to the rebuilt read model waited too long for a lock; trying again ({})", e.getMessage());
                    Thread.sleep(200L * attempt);
                }
            }
            at = times.add("switch transaction", at);
        } finally {
            if (!runner.isShutdown()) { // a stopping instance's processors stay stopped
                processors.forEach(lifecycle::start);
            }
        }
        return times.add("switch starting processors", at);
    }

    /**
     * Drops the tables the switch retired, once the rebuild has ended and let its lock go: the read model in use is the
     * new one from the switch's commit, so the drop (0.6 s at 1,000,000 events: unlinking 1.4 GB of files) is not part
     * of the rebuild, and the state says IDLE meanwhile. A rebuild begun meanwhile may touch the same schema only in
     * its switch, which first drops whatever is still retired and then retires the tables in use: whichever drops a
     * retired table, it is one no read model uses. The build schema is left alone (a new rebuild's tables may be
     * there); the switch moved this build's tables out of it.
     */
    private void dropRetired() {
        long at = System.nanoTime();
        try {
            build.emptySchema(RETIRED_SCHEMA);
            log.info("Dropped the read model's retired tables in {} ms", (System.nanoTime() - at) / 1_000_000);
        } catch (RuntimeException e) {
            // The rebuild is done; the next one's switch empties the schema before it retires anything into it.
            log.warn("Could not drop the read model's retired tables; the next rebuild drops them", e);
        }
    }

    private void switchTables(BulkBuild.Snapshot snapshot, Instant startedAt) throws SQLException {
        build.ensureSchema(RETIRED_SCHEMA);
        build.emptySchema(RETIRED_SCHEMA);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL lock_timeout = '5s'");
                requireStillOurs(c, startedAt);
                String sequence = ViewIds.sequence(s);
                // The new project_view draws its ids from the live table's sequence: keep it in read_model, owned by
                // whichever table is there, so that dropping the old table does not take it along.
                if (sequence != null) {
                    s.execute("ALTER SEQUENCE " + sequence + " OWNED BY NONE");
                }
                for (String table : BulkBuild.TABLES) {
                    s.execute("ALTER TABLE read_model." + table + " SET SCHEMA " + RETIRED_SCHEMA);
                }
                for (String table : BulkBuild.TABLES) {
                    s.execute("ALTER TABLE " + BulkBuild.BUILD_SCHEMA + "." + table + " SET SCHEMA read_model");
                }
                if (sequence != null) {
                    s.execute("ALTER SEQUENCE " + sequence + " OWNED BY read_model.project_view.id");
                }
            }
            setTokens(c, snapshot.head());
            try (PreparedStatement done = c.prepareStatement(
                    "UPDATE read_model.rebuild_state SET built_at = now(), running_on = NULL,"
                    + " events_done = ?, snapshot_head = ?")) {
                done.setLong(1, snapshot.events());
                done.setLong(2, snapshot.head());
                done.executeUpdate();
            }
            c.commit();
        }
    }

    /**
     * Fails the switch unless the rebuild state still records this rebuild, and keeps it so until the switch commits.
     * A rebuild whose claim was lost (its lock's session ended while it ran) may have been taken up by another
     * instance, which made the build's tables anew: switching to them would put a half-built read model in use.
     */
    private static void requireStillOurs(Connection c, Instant startedAt) throws SQLException {
        try (PreparedStatement ours = c.prepareStatement(
                "SELECT 1 FROM read_model.rebuild_state WHERE started_at = ? AND running_on IS NOT NULL FOR UPDATE")) {
            ours.setObject(1, at(startedAt));
            try (ResultSet rs = ours.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("the rebuild begun at " + startedAt
                                                    + " is no longer the one recorded: another instance has taken it up");
                }
            }
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.UTC);
    }

    /** Every segment of the project views' processor from the snapshot's head, unclaimed. */
    private void setTokens(Connection c, long head) throws SQLException {
        byte[] token = null;
        String type = null;
        if (head >= 0) {
            SerializedObject<byte[]> serialized = tokenSerializer.serialize(
                    GapAwareTrackingToken.newInstance(head, Collections.emptySortedSet()), byte[].class);
            token = serialized.getData();
            type = serialized.getType().getName();
        }
        String now = DateTimeUtils.formatInstant(clock.instant());
        int updated;
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE read_model.token_entry SET token = ?, token_type = ?, time_stamp = ?, owner = NULL WHERE processor_name = ?")) {
            update.setBytes(1, token);
            update.setString(2, type);
            update.setString(3, now);
            update.setString(4, ProjectProjection.PROCESSING_GROUP);
            updated = update.executeUpdate();
        }
        if (updated == 0) {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO read_model.token_entry (processor_name, segment, token, token_type, time_stamp, owner) "
                    + "VALUES (?, ?, ?, ?, ?, NULL)")) {
                for (int segment = 0; segment < initialSegments; segment++) {
                    insert.setString(1, ProjectProjection.PROCESSING_GROUP);
                    insert.setInt(2, segment);
                    insert.setBytes(3, token);
                    insert.setString(4, type);
                    insert.setString(5, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    /** Whether a rebuild runs now, on any instance. */
    public boolean isRebuilding() {
        return status(false).running();
    }

    /** Whether there is a read model to answer from: false only before a deployment's first build ended. */
    public boolean hasReadModel() {
        return built || status(false).built();
    }

    public Progress progress() {
        Status now = status(true);
        double seconds = now.startedAt() == null ? 0 : Duration.between(now.startedAt(), clock.instant()).toMillis() / 1000.0;
        double rate = now.running() && seconds > 0 ? now.eventsDone() / seconds : 0;
        ProcessorProgress progress = new ProcessorProgress(ProjectProjection.PROCESSING_GROUP, now.running(), now.eventsDone(),
                                                           Math.max(now.eventsTotal(), now.eventsDone()), Math.round(rate * 10) / 10.0);
        List<ProcessorProgress> processors = new ArrayList<>();
        processors.add(progress);
        return new Progress(now.running() ? "REBUILDING" : "IDLE", now.startedAt(), processors);
    }

    /** The state row, read at most twice a second unless {@code fresh}: the gate asks on every read request. */
    private Status status(boolean fresh) {
        long now = System.nanoTime();
        Status known = status;
        if (fresh || known == null || now - statusReadAt > STATUS_FRESH_NANOS) {
            known = jdbc.queryForObject(
                    "SELECT built_at IS NOT NULL, started_at, events_total, events_done, running_on IS NOT NULL,"
                    + " EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted"
                    + "   AND classid = " + LOCK_CLASS + " AND objid = " + LOCK_OBJECT + " AND objsubid = 2"
                    + "   AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))"
                    + " FROM read_model.rebuild_state",
                    (rs, i) -> {
                        boolean recorded = rs.getBoolean(5);
                        boolean locked = rs.getBoolean(6);
                        // Running while the lock is held: the switch's transaction clears running_on, and the lock
                        // is let go just after it (the retired tables are dropped after that, dropRetired).
                        return new Status(rs.getBoolean(1), instant(rs.getObject(2, OffsetDateTime.class)), locked,
                                          recorded && !locked, rs.getLong(3), rs.getLong(4));
                    });
            status = known;
            statusReadAt = now;
            if (known.built()) {
                built = true;
            }
        }
        return known;
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    private long storedEvents() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM " + EventStoreTables.DOMAIN_EVENTS, Long.class);
        return n == null ? 0 : n;
    }

    private List<StreamingEventProcessor> processors() {
        return processing.eventProcessors().values().stream()
                         .filter(StreamingEventProcessor.class::isInstance)
                         .map(StreamingEventProcessor.class::cast)
                         .toList();
    }

    /**
     * Stops the runner: a rebuild running is interrupted, and one handed over but not yet started never runs; either
     * way the claim is released and {@code running_on} stays, so another instance takes the rebuild up, as
     * after a rebuild an instance died in. Waits a while for a running rebuild to let its lock go, while the pool
     * it holds a connection of is still open; one in a long statement ends with the connection's close.
     */
    @EventListener(ContextClosedEvent.class)
    void closing(ContextClosedEvent event) throws InterruptedException {
        // Before the context's lifecycle stops Axon's processors and the web server (destroy methods come after that,
        // too late for a switch that would start the processors again); only for this bean's own context, not for a
        // context it was lent to.
        if (event.getApplicationContext() == context) {
            stop();
        }
    }

    @PreDestroy
    synchronized void stop() throws InterruptedException {
        for (Runnable neverStarted : runner.shutdownNow()) {
            if (neverStarted instanceof RebuildTask task) {
                release(task.lock);
                task.ended.cancel(false);
            }
        }
        if (!runner.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("The rebuild did not stop within {}; its lock goes when its connection closes", STOP_WAIT);
        }
    }
}
