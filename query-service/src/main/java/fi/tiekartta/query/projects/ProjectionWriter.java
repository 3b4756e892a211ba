package fi.tiekartta.query.projects;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Applies recorded changes to the change log and the project views, a batch at a time. Within one of the processor's
 * batches (one transaction with its token) every event is applied in memory to the projects it concerns, which come
 * from a cache of recently projected projects or, all at once for the batch, from the tables: as their tails where
 * the batch's changes allow ({@link KnownProject#continuesWith}), else whole. At the batch's commit the inserts,
 * closes and deletes go to the database as JDBC batches. The rows come out exactly as if each event had been written
 * on its own (see {@link KnownProject}).
 *
 * <p>Outside a unit of work (a test, a one-off call) a change is applied and written at once, in the caller's
 * transaction.
 */
@Component
public class ProjectionWriter {

    private static final String BATCH = ProjectionWriter.class.getName() + ".batch";
    private static final Logger LOG = LoggerFactory.getLogger(ProjectionWriter.class);

    private final ChangeLog changes;
    private final ProjectViewTable views;
    private final ProjectHeads heads;
    private final KnownProjects cache;
    private final MeterRegistry meters;
    private final Counter readAsTails;
    private final Counter readWhole;

    public ProjectionWriter(ChangeLog changes, ProjectViewTable views, ProjectHeads heads, MeterRegistry meters,
                            @Value("${tiekartta.projection.cache.heap-share:0.25}") double cacheHeapShare) {
        this.changes = changes;
        this.views = views;
        this.heads = heads;
        // Relative to the heap, so that -Xmx alone sizes the service: the rest is for queries (a roadmap of 10,000
        // projects is a few MB of rows and JSON) and a rebuild (bounded chunks, BulkBuild).
        this.cache = new KnownProjects((long) (Runtime.getRuntime().maxMemory() * cacheHeapShare));
        this.meters = meters;
        this.readAsTails = projectsRead(meters, "tail");
        this.readWhole = projectsRead(meters, "whole");
        Gauge.builder("tiekartta.projection.cache.projects", cache, KnownProjects::size)
             .description("Projects the projection holds in memory: whole (changes and believed rows) or as their tails").register(meters);
        Gauge.builder("tiekartta.projection.cache.changes", cache, KnownProjects::changes)
             .description("Changes held in memory by the projection's cache")
             .register(meters);
        Gauge.builder("tiekartta.projection.cache.bytes", cache, KnownProjects::bytes)
             .description("Heap the projection's cache takes, estimated (bounded by tiekartta.projection.cache.heap-share of the heap)")
             .baseUnit("bytes").register(meters);
    }

    private static Counter projectsRead(MeterRegistry meters, String as) {
        return Counter.builder("tiekartta.projection.projects.read").tag("as", as)
                      .description("Projects the projection read from the tables, not having them in memory: as their "
                                   + "tails (head and last row) or whole (every change and believed row)")
                      .register(meters);
    }

    /**
     * Applies {@code change} unless it was applied before (a redelivery).
     *
     * @param live whether it comes from regular processing rather than a replay: only live status changes are counted
     */
    public void record(RecordedChange change, boolean live) {
        boolean inUnitOfWork = CurrentUnitOfWork.isStarted();
        ProjectionBatch batch = inUnitOfWork ? batchOf(CurrentUnitOfWork.get().root())
                                             : open(Map.of(change.projectId(), List.of(change)));
        KnownProject project = batch.projects.computeIfAbsent(change.projectId(), id -> {
            readWhole.increment();
            return load(Set.of(id)).get(id);
        });
        if (project.has(change.sequence())) {
            return;
        }
        project.apply(change, batch);
        if (live && change.type() == ChangeType.STATUS_CHANGED) {
            batch.countStatusChange(change.status(), project.sector());
        }
        if (!inUnitOfWork) {
            write(batch);
            batch.projects.values().forEach(KnownProject::written);
            count(batch);
        }
    }

    /** After a reset of the read models: nothing held in memory is true any more. */
    void forgetAll() {
        cache.clear();
    }

    private ProjectionBatch batchOf(UnitOfWork<?> unitOfWork) {
        return unitOfWork.getOrComputeResource(BATCH, key -> {
            ProjectionBatch batch = open(projectChangesOf(unitOfWork));
            unitOfWork.onPrepareCommit(u -> write(batch));
            unitOfWork.afterCommit(u -> {
                batch.projects.values().forEach(KnownProject::written);
                cache.putAll(batch.projects.values());
                count(batch);
            });
            // The projects taken from the cache are out of it while this batch works on them. They go back, as
            // this batch left them, only after its commit: a batch that rolls back leaves them out, and their next
            // batch reads them from the tables.
            return batch;
        });
    }

    /**
     * The changes of every project the batch has events of, in delivery order, so that the projects are fetched
     * together rather than one by one, each as much as its changes need. Streams of other aggregates in the batch
     * (reporting rounds, projected by their own handler) are no projects.
     */
    private static Map<String, List<RecordedChange>> projectChangesOf(UnitOfWork<?> unitOfWork) {
        Map<String, List<RecordedChange>> changes = new HashMap<>();
        List<? extends Message<?>> messages = unitOfWork instanceof BatchingUnitOfWork<?> batch
                ? batch.getMessages() : List.of(unitOfWork.getMessage());
        for (Message<?> message : messages) {
            if (message instanceof DomainEventMessage<?> event) { // RecordedChanges.of leaves other streams out
                RecordedChanges.of(event).ifPresent(
                        change -> changes.computeIfAbsent(change.projectId(), id -> new ArrayList<>()).add(change));
            }
        }
        return changes;
    }

    private ProjectionBatch open(Map<String, List<RecordedChange>> coming) {
        long t0 = System.nanoTime();
        ProjectionBatch batch = new ProjectionBatch();
        batch.openedAt = t0;
        Map<String, KnownProject> cached = cache.takeAll(coming.keySet());
        if (!cached.isEmpty()) {
            // Trusted only if the table holds exactly what the cache does: another instance may have projected
            // these projects since (segments move between instances), or a rebuild may have emptied the tables.
            Map<String, Long> stored = changes.lastSequences(cached.keySet());
            cached.values().removeIf(p -> !Objects.equals(stored.getOrDefault(p.projectId(), -1L), p.lastSequence()));
            cached.values().removeIf(p -> p.isTail() && !p.continuesWith(coming.get(p.projectId())));
        }
        batch.projects.putAll(cached);
        Set<String> missing = new HashSet<>(coming.keySet());
        missing.removeAll(cached.keySet());
        long t1 = System.nanoTime();
        if (!missing.isEmpty()) {
            views.tailsOf(missing).values().stream().map(KnownProject::ofTail)
                 .filter(tail -> tail.continuesWith(coming.get(tail.projectId())))
                 .forEach(tail -> batch.projects.put(tail.projectId(), tail));
            batch.tails = batch.projects.size() - cached.size();
            missing.removeAll(batch.projects.keySet());
        }
        if (!missing.isEmpty()) {
            batch.projects.putAll(load(missing));
        }
        readAsTails.increment(batch.tails);
        readWhole.increment(missing.size());
        batch.verifyNanos = t1 - t0;
        batch.loadNanos = System.nanoTime() - t1;
        batch.loaded = missing.size();
        return batch;
    }

    private Map<String, KnownProject> load(Collection<String> projectIds) {
        Map<String, List<RecordedChange>> stored = changes.changesOfAll(projectIds);
        Map<String, List<ProjectViewTable.StoredRow>> believed = views.believedNowOfAll(projectIds);
        Map<String, KnownProject> loaded = new HashMap<>();
        for (String id : projectIds) {
            loaded.put(id, KnownProject.of(id, stored.getOrDefault(id, List.of()), believed.getOrDefault(id, List.of())));
        }
        return loaded;
    }

    private void write(ProjectionBatch batch) {
        if (!batch.hasWrites()) {
            return;
        }
        long t0 = System.nanoTime();
        changes.appendAll(batch.changes);
        long t1 = System.nanoTime();
        views.write(batch);
        long t2 = System.nanoTime();
        heads.upsert(batch.changedHeads);
        long t3 = System.nanoTime();
        LOG.debug("batch events={} projects={} tails={} loaded={} verify={}ms load={}ms apply={}ms changes={}ms views={}ms heads={}ms closes={} inserts={}",
                 batch.changes.size(), batch.projects.size(), batch.tails, batch.loaded, batch.verifyNanos / 1_000_000, batch.loadNanos / 1_000_000,
                 (t0 - batch.openedAt - batch.verifyNanos - batch.loadNanos) / 1_000_000, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                 (t3 - t2) / 1_000_000, batch.closes.size(), batch.inserts.size());
    }

    private void count(ProjectionBatch batch) {
        for (ProjectionBatch.StatusCount change : batch.liveStatusChanges) {
            Counter.builder("tiekartta.status.changes")
                   .description("Status changes projected from live events (not replays), by reported status and sector")
                   .tag("status", change.status().name())
                   .tag("sector", change.sector() == null ? "unknown" : change.sector())
                   .register(meters).increment();
        }
    }
}
