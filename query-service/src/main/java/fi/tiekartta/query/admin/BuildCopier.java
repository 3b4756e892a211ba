package fi.tiekartta.query.admin;

import fi.tiekartta.query.projects.BulkProjection;
import fi.tiekartta.query.projects.ChangeLog;
import fi.tiekartta.query.projects.CopyRows;
import fi.tiekartta.query.projects.ProjectHeads;
import fi.tiekartta.query.projects.ProjectViewTable;
import fi.tiekartta.query.projects.RecordedChange;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Folds streams into COPY chunks and sends full chunks on two connections of their own: the view rows on one, the
 * change log and the heads on the other. So the database writes one chunk while the reading thread folds the next,
 * and the view rows (about three quarters of the COPY's work) no longer wait behind the rest: with one connection
 * the COPY alone took as long as the whole reading and folding (docs/PERFORMANCE.md, "What changed on 2026-12-03
 * (morning)"). At most two chunks wait to be sent: a bounded heap.
 */
final class BuildCopier implements AutoCloseable {

    /** A COPY chunk's size in bytes: large enough that a COPY's own cost vanishes, small against the heap. */
    private static final int CHUNK_BYTES = 2 << 20;
    /** The tables written with binary COPY, and the columns and types each is written with. */
    static final Map<String, CopyRows.Layout> COPIED = Map.of("project_change", ChangeLog.COLUMNS,
                                                              "project_view", ProjectViewTable.REBUILT_COLUMNS,
                                                              "project_head", ProjectHeads.COLUMNS);

    private final BuildTimes times;
    private final ViewIds viewIds;
    private final Sender views;
    private final Sender log;
    private final Semaphore waiting = new Semaphore(2);
    private final List<Future<?>> sent = new ArrayList<>();
    private CopyRows changes = new CopyRows(ChangeLog.COLUMNS);
    private CopyRows viewRows = new CopyRows(ProjectViewTable.REBUILT_COLUMNS);
    private CopyRows heads = new CopyRows(ProjectHeads.COLUMNS);
    /** Nanoseconds the reading thread waited for a chunk to be sent, since last taken. */
    private long waited;

    BuildCopier(DataSource dataSource, BuildTimes times) throws SQLException {
        this.times = times;
        this.viewIds = new ViewIds(dataSource);
        Sender v = new Sender(dataSource, "rebuild-copy-views", "project_view");
        try {
            this.log = new Sender(dataSource, "rebuild-copy-log", "project_change", "project_head");
        } catch (SQLException | RuntimeException e) {
            v.close();
            throw e;
        }
        this.views = v;
    }

    void project(String stream, List<RecordedChange> changesOfStream) throws SQLException {
        if (stream == null || changesOfStream.isEmpty()) {
            return;
        }
        BulkProjection.project(stream, changesOfStream, changes, viewRows, heads, viewIds);
        if (changes.length() + viewRows.length() + heads.length() > CHUNK_BYTES) {
            send();
        }
    }

    /** The time waited for a chunk to be sent since the last call (it is not folding time). */
    long takeWaited() {
        long w = waited;
        waited = 0;
        return w;
    }

    private void send() throws SQLException {
        CopyRows c = changes;
        CopyRows v = viewRows;
        CopyRows h = heads;
        changes = new CopyRows(ChangeLog.COLUMNS);
        viewRows = new CopyRows(ProjectViewTable.REBUILT_COLUMNS);
        heads = new CopyRows(ProjectHeads.COLUMNS);
        checkSent();
        long began = System.nanoTime();
        try {
            waiting.acquire();
            waited += times.add("waiting", began) - began;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("rebuild stopped", e);
        }
        // The chunk's room is given back once both of its parts are written (or have failed).
        AtomicInteger parts = new AtomicInteger(2);
        Runnable partDone = () -> {
            if (parts.decrementAndGet() == 0) {
                waiting.release();
            }
        };
        sent.add(views.submit(partDone, new Part("project_view", v)));
        sent.add(log.submit(partDone, new Part("project_change", c), new Part("project_head", h)));
    }

    /** Throws the failure of any part already sent, so that the reading stops at the first one. */
    private void checkSent() throws SQLException {
        for (var i = sent.iterator(); i.hasNext(); ) {
            Future<?> f = i.next();
            if (f.isDone()) {
                i.remove();
                outcome(f);
            }
        }
    }

    private static void outcome(Future<?> f) throws SQLException {
        try {
            f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SQLException s ? s : new SQLException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("rebuild stopped", e);
        }
    }

    /** Sends what is left, waits for every part and commits both connections' writes. */
    void finish() throws SQLException {
        send();
        for (Future<?> f : sent) {
            outcome(f);
        }
        sent.clear();
        views.commit();
        log.commit();
    }

    /** Stops both senders and waits for them; whatever was not committed is rolled back. */
    @Override
    public void close() throws SQLException {
        try {
            views.close();
        } finally {
            log.close();
        }
    }

    /** One table's rows of a chunk. */
    private record Part(String table, CopyRows rows) {
    }

    /**
     * A connection and the thread that writes to it. Its writes are one transaction that first empties its tables, so
     * that COPY may write the rows frozen (FREEZE): already visible to everyone and marked so in the visibility map.
     * Nothing reads them before the commit, and afterwards neither ANALYZE nor the first queries on the new tables
     * have to check and set each row's commit status (dirtying every page a second time), and index-only scans work
     * at once. A table is emptied and written by one transaction only: the two connections write different tables.
     */
    private final class Sender {

        private final Connection connection;
        private final ExecutorService thread;
        private final String name;

        Sender(DataSource dataSource, String name, String... tables) throws SQLException {
            this.name = name;
            this.connection = dataSource.getConnection();
            this.thread = Executors.newSingleThreadExecutor(r -> new Thread(r, name));
            try {
                connection.setAutoCommit(false);
                try (Statement s = connection.createStatement()) {
                    s.execute("TRUNCATE " + String.join(", ", List.of(tables).stream()
                            .map(t -> BulkBuild.BUILD_SCHEMA + "." + t).toList()));
                }
            } catch (SQLException | RuntimeException e) {
                close();
                throw e;
            }
        }

        Future<?> submit(Runnable done, Part... parts) {
            return thread.submit(() -> {
                try {
                    for (Part part : parts) {
                        copy(part);
                    }
                    return null;
                } finally {
                    done.run();
                }
            });
        }

        private void copy(Part part) throws SQLException {
            if (part.rows().rows() == 0) {
                return;
            }
            long began = System.nanoTime();
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY " + BulkBuild.BUILD_SCHEMA + "." + part.table() + " (" + COPIED.get(part.table()).columnNames()
                    + ") FROM STDIN WITH (FORMAT binary, FREEZE)");
            try {
                part.rows().sendTo(copy);
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy(); // the connection leaves COPY mode, so that the rollback can go through
                }
                times.add("copy " + part.table(), began);
            }
        }

        void commit() throws SQLException {
            connection.commit();
        }

        void close() throws SQLException {
            thread.shutdownNow();
            try {
                PoolEnd.await(thread, Duration.ofSeconds(30), "COPY sender " + name); // the connection is the thread's till then
            } finally {
                try {
                    connection.rollback(); // nothing after a commit; the half-written build after a failure
                    connection.setAutoCommit(true);
                } finally {
                    connection.close();
                }
            }
        }
    }
}
