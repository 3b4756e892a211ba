package fi.tiekartta.query.admin;

import fi.tiekartta.query.projects.BulkProjection;
import fi.tiekartta.query.projects.RecordedChange;
import fi.tiekartta.query.projects.RecordedChanges;
import fi.tiekartta.query.round.RoundProjection;
import fi.tiekartta.support.eventstore.EventStoreTables;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Builds a complete read model in schema {@value #BUILD_SCHEMA}, beside the one in use: tables made like the live
 * ones but without indexes, filled from one REPEATABLE READ snapshot of the event store read once, stream after
 * stream ({@code ORDER BY aggregate_identifier, sequence_number}), each stream folded in memory by the live
 * projection's own code ({@link BulkProjection}, {@link RoundProjection#project}) and written with COPY in chunks
 * ({@link BuildCopier});
 * then the live tables' constraints and indexes are created on the new ones (from the catalog: the migrations
 * stay their one home). Everything in the snapshot is every event up to its last global index, because appends
 * commit in global-index order (docs/RELIABILITY.md, "Gap safety"); the processors go on from there.
 */
@Component
class BulkBuild {

    static final String BUILD_SCHEMA = "read_model_build";
    /** The tables the project views' processor owns and a rebuild replaces. Not token_entry, round_reminder (facts),
     * processor_node, rebuild_state or Flyway's history. */
    static final List<String> TABLES = List.of("project_change", "project_view", "project_head", "reporting_round");

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final RoundProjection rounds;

    BulkBuild(DataSource dataSource, JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer,
              RoundProjection rounds) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.rounds = rounds;
    }

    /** What a build read: the snapshot's last global index and how many events it held. */
    record Snapshot(long head, long events, List<DomainEventMessage<?>> roundEvents) {
    }

    /** Empties the build schema and creates the tables, unindexed. */
    void prepare() {
        requireCopiedTypes();
        ensureSchema(BUILD_SCHEMA);
        emptySchema(BUILD_SCHEMA);
        for (String table : TABLES) {
            // Defaults (project_view.id draws from the live table's sequence, so ids stay unique across the switch),
            // NOT NULL and CHECK constraints; primary keys, unique constraints and indexes come after the rows.
            jdbc.execute("CREATE TABLE " + BUILD_SCHEMA + "." + table + " (LIKE read_model." + table
                         + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS)");
        }
    }

    /**
     * Binary COPY sends each value in its column type's own format, which the database does not convert: a column
     * whose type a migration has changed would fail the COPY midway, or worse, read the bytes as the new type. Checked
     * before anything is written, against the live tables the build copies.
     */
    private void requireCopiedTypes() {
        BuildCopier.COPIED.forEach((table, layout) -> {
            Map<String, String> types = new HashMap<>();
            jdbc.query("SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute"
                       + " WHERE attrelid = CAST(? AS regclass) AND attnum > 0 AND NOT attisdropped",
                       rs -> {
                           types.put(rs.getString(1), rs.getString(2));
                       }, "read_model." + table);
            List<String> mismatches = layout.mismatches(types);
            if (!mismatches.isEmpty()) {
                throw new IllegalStateException("read_model." + table + " has columns of other types than the rebuild writes "
                                                + "(column: written, in the table): " + mismatches);
            }
        });
    }

    /**
     * Reads the snapshot and writes the rows. {@code sizeKnown} is told how many events the snapshot holds,
     * {@code progress} how many are done, now and then.
     */
    Snapshot fill(BuildTimes times, LongConsumer sizeKnown, LongConsumer progress) throws SQLException, InterruptedException {
        try (BuildCopier copier = new BuildCopier(dataSource, times); Connection reader = dataSource.getConnection()) {
            reader.setAutoCommit(false);
            reader.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            reader.setReadOnly(true);
            long head;
            long total;
            try (Statement s = reader.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COALESCE(max(global_index), -1), count(*) FROM " + EventStoreTables.DOMAIN_EVENTS)) {
                rs.next();
                head = rs.getLong(1);
                total = rs.getLong(2);
            }
            sizeKnown.accept(total);
            long done = 0;
            List<DomainEventMessage<?>> roundEvents = new ArrayList<>();
            StoredEventReader events = new StoredEventReader(serializer);
            long at = System.nanoTime();
            try (SnapshotCopy rows = new SnapshotCopy(reader, head)) {
                String stream = null;
                List<RecordedChange> changes = new ArrayList<>();
                for (SnapshotCopy.Row row = rows.next(); row != null; row = rows.next()) {
                    if (!row.aggregate().equals(stream)) {
                        at = times.add("read", at);
                        copier.project(stream, changes);
                        at = times.add("fold", at + copier.takeWaited()); // waiting for COPY is counted apart
                        changes.clear();
                        stream = row.aggregate();
                    }
                    DomainEventMessage<?> message = events.message(row.type(), row.aggregate(), row.sequence(), row.identifier(),
                                                                   row.timestamp(), row.payloadType(), row.payloadRevision(),
                                                                   row.payload(), row.metaData());
                    if (RecordedChanges.isProjectEvent(message.getPayload())) {
                        changes.add(RecordedChanges.of(message).orElseThrow());
                    } else if (RoundProjection.isRoundEvent(message.getPayload())) {
                        roundEvents.add(message);
                    }
                    if (++done % 10_000 == 0) {
                        progress.accept(done);
                    }
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedException("rebuild stopped");
                    }
                }
                at = times.add("read", at);
                copier.project(stream, changes);
                times.add("fold", at + copier.takeWaited());
            }
            reader.commit();
            long finishing = System.nanoTime();
            copier.finish();
            times.add("waiting", finishing);
            progress.accept(done);
            return new Snapshot(head, done, roundEvents);
        }
    }

    /**
     * The live tables' primary keys, unique constraints and indexes, made on the built ones, then statistics. Every
     * index is built first, two at a time on two connections (one per core), the largest first by the size of the
     * live one, so that one connection is not left with a long build at the end while the other waits
     * (docs/PERFORMANCE.md, "What changed on 2026-12-01 (late night)"). A primary key or unique constraint is built
     * as its unique index, which shares its table with the other builds (ALTER TABLE ... ADD CONSTRAINT would lock
     * the table for its whole build), and attached as the constraint once every index is there. ANALYZE comes after
     * the indexes: it would wait for any build on its table, and it gathers the statistics of the expression
     * indexes' values.
     * <p>
     * Each build sorts in {@value #SORT_MEMORY} of {@code maintenance_work_mem}, less than the server's default. Where
     * a rebuild's time matters, each B-tree's rows are far more than any sort memory a build could be given, so its
     * sort is an external one at any setting, and small runs sort within the processor's caches and touch few new
     * pages of memory; a small read model is sorted in memory either way. On the benchmark store (1,000,000
     * changes) each B-tree build took a fifth to three tenths less time with 8 MB than with 128 MB (docs/PERFORMANCE.md,
     * "What changed on 2026-12-04 (evening)"); the SP-GiST build does not sort and took as long with either.
     */
    void index(BuildTimes times) throws SQLException, InterruptedException {
        List<SizedStep> indexes = new ArrayList<>();
        List<List<Step>> statistics = new ArrayList<>();
        List<Step> constraints = new ArrayList<>();
        for (String table : jdbc.queryForList("SELECT t FROM unnest(CAST(? AS text[])) t"
                                              + " ORDER BY pg_relation_size(CAST(? || '.' || t AS regclass)) DESC, t",
                                              String.class, TABLES.toArray(String[]::new), BUILD_SCHEMA)) {
            String live = "read_model." + table;
            String built = BUILD_SCHEMA + "." + table;
            for (Map<String, Object> index : jdbc.queryForList(
                    "SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition, pg_relation_size(i.oid) AS size,"
                    + " c.conname, c.contype, c.condeferrable"
                    + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                    + " LEFT JOIN pg_constraint c ON c.conrelid = x.indrelid AND c.conindid = x.indexrelid AND c.contype IN ('p', 'u')"
                    + " WHERE x.indrelid = CAST(? AS regclass) ORDER BY i.relname", live)) {
                String name = (String) index.get("name");
                String definition = (String) index.get("definition");
                String onBuilt = definition.replace(" ON " + live + " ", " ON " + built + " ");
                if (onBuilt.equals(definition)) {
                    throw new IllegalStateException("unexpected index definition: " + definition);
                }
                indexes.add(new SizedStep(((Number) index.get("size")).longValue(), new Step("index " + name, onBuilt)));
                String constraint = (String) index.get("conname");
                if (constraint != null) {
                    // The index is made from its own definition, which does not say whether the constraint may be
                    // deferred: none is, and one that were would come back checked at once.
                    if (Boolean.TRUE.equals(index.get("condeferrable"))) {
                        throw new IllegalStateException("constraint " + constraint + " is deferrable, which a rebuild does not make");
                    }
                    String kind = "p".equals(String.valueOf(index.get("contype"))) ? "PRIMARY KEY" : "UNIQUE";
                    constraints.add(new Step("index " + name, "ALTER TABLE " + built + " ADD CONSTRAINT " + constraint + " "
                                                               + kind + " USING INDEX " + name));
                }
            }
            statistics.add(List.of(new Step("analyze " + table, "ANALYZE " + built)));
        }
        runOnTwoConnections(times, largestFirst(indexes));
        runOnTwoConnections(times, statistics);
        runOnTwoConnections(times, List.of(constraints));
    }

    /** A statement of the index phase, and what its time is counted as. */
    record Step(String part, String sql) {
    }

    /** An index's build, and the size of the live index it copies: the measure of how long the build takes. */
    record SizedStep(long liveSize, Step step) {
    }

    /**
     * The index builds in the order the two connections take them, each alone: the largest live index first, so that
     * the longest builds start at once and the short ones fill in after them. Equal sizes keep their given order (a
     * first build's live indexes are all empty, a page or three each, so it builds them much as it did before).
     */
    static List<List<Step>> largestFirst(List<SizedStep> builds) {
        return builds.stream().sorted(Comparator.comparingLong(SizedStep::liveSize).reversed())
                .map(build -> List.of(build.step())).toList();
    }

    /**
     * What the index builders set, undone before their connections go back to the pool (not RESET ALL, which would
     * also undo the pool's own settings: {@code connection-init-sql}).
     */
    private static final String RESET = "RESET maintenance_work_mem; RESET max_parallel_maintenance_workers";

    /** Each index build's sort memory (see {@link #index}). */
    private static final String SORT_MEMORY = "8MB";

    /**
     * Runs each group of statements in order, two groups at a time on two connections of their own. Interrupted (the
     * instance is stopping), it cancels the statements at work and waits for both connections to be done before it
     * gives up, so that nothing touches the build's tables once the rebuild has let its lock go.
     */
    private void runOnTwoConnections(BuildTimes times, List<List<Step>> groups) throws SQLException, InterruptedException {
        java.util.concurrent.ConcurrentLinkedQueue<List<Step>> queue = new java.util.concurrent.ConcurrentLinkedQueue<>(groups);
        List<Statement> atWork = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService builders = Executors.newFixedThreadPool(2, r -> new Thread(r, "rebuild-index"));
        try {
            List<Future<Object>> done = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                done.add(builders.submit(() -> {
                    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                        atWork.add(s);
                        try {
                            c.setAutoCommit(true);
                            s.execute("SET maintenance_work_mem = '" + SORT_MEMORY + "'");
                            // One process per connection: a B-tree build's parallel workers would take the other
                            // connection's core from its build.
                            s.execute("SET max_parallel_maintenance_workers = 0");
                            for (List<Step> group = queue.poll(); group != null; group = queue.poll()) {
                                for (Step step : group) {
                                    if (Thread.currentThread().isInterrupted()) {
                                        throw new SQLException("rebuild stopped");
                                    }
                                    long began = System.nanoTime();
                                    s.execute(step.sql());
                                    times.add(step.part(), began);
                                }
                            }
                        } catch (SQLException | RuntimeException e) {
                            queue.clear(); // the build has failed: the other connection starts nothing more
                            synchronized (atWork) {
                                atWork.remove(s); // no cancel meant for the build may hit the RESET
                            }
                            try {
                                s.execute(RESET);
                            } catch (SQLException resetFailed) {
                                e.addSuppressed(resetFailed);
                            }
                            throw e;
                        } finally {
                            // Before the connection goes back to the pool: a cancel reaches whatever its server
                            // process runs, which would then be the pool's next user's statement.
                            synchronized (atWork) {
                                atWork.remove(s);
                            }
                        }
                        s.execute(RESET);
                    }
                    return null;
                }));
            }
            for (Future<Object> f : done) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getCause());
                } catch (InterruptedException e) {
                    queue.clear();
                    synchronized (atWork) {
                        atWork.forEach(BulkBuild::cancelQuietly);
                    }
                    throw e;
                }
            }
        } finally {
            builders.shutdownNow();
            PoolEnd.await(builders, Duration.ofSeconds(30), "index builders");
        }
    }

    private static void cancelQuietly(Statement statement) {
        try {
            statement.cancel();
        } catch (SQLException e) {
            // it has ended meanwhile, or its connection has gone: either way it no longer writes
        }
    }

    /**
     * The rounds' events, few, written row by row by the live code once the table has its primary key (its writes
     * rely on it), each round's in stream order.
     */
    void projectRounds(Snapshot snapshot) {
        snapshot.roundEvents().forEach(event -> rounds.project(BUILD_SCHEMA, event));
    }

    void dropBuild() {
        emptySchema(BUILD_SCHEMA);
    }

    /**
     * Creates {@code schema} unless it exists. With the service's own database role (deploy/postgres/roles.sql) it
     * exists already: that role may not create schemas, and PostgreSQL checks the right before IF NOT EXISTS.
     */
    void ensureSchema(String schema) {
        Boolean exists = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)", Boolean.class, schema);
        if (!Boolean.TRUE.equals(exists)) {
            jdbc.execute("CREATE SCHEMA " + schema);
        }
    }

    /** Drops a rebuild's tables from {@code schema} (the build's, or the retired tables after a switch). */
    void emptySchema(String schema) {
        for (String table : TABLES) {
            jdbc.execute("DROP TABLE IF EXISTS " + schema + "." + table);
        }
    }
}
