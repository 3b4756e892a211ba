package fi.tiekartta.query.projects;

import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The projects the projection worked on lately, least recently used first out, bounded by the heap they take
 * (bytes, estimated per project from the changes it holds: a cached change costs about 2.8 KB of heap with its share
 * of the believed rows, measured as docs/PERFORMANCE.md, "How the bounds were found", says). An entry is taken out while a batch works on it and put back when
 * the batch committed, so a rolled-back batch leaves nothing behind; whoever takes an entry checks it against the
 * table before trusting it (another instance may have projected the project meanwhile).
 */
final class KnownProjects {

    private final LinkedHashMap<String, KnownProject> byId = new LinkedHashMap<>(1024, 0.75f, true);
    /** Heap a cached change takes with its share of the project's believed rows (measured). */
    static final long BYTES_PER_CHANGE = 2_800;

    private final long maxBytes;
    private long changes;

    KnownProjects(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    private static long bytes(long changes) {
        return changes * BYTES_PER_CHANGE;
    }

    synchronized Map<String, KnownProject> takeAll(Collection<String> projectIds) {
        Map<String, KnownProject> taken = new HashMap<>();
        for (String id : projectIds) {
            KnownProject project = byId.remove(id);
            if (project != null) {
                changes -= project.weight();
                taken.put(id, project);
            }
        }
        return taken;
    }

    synchronized void putAll(Collection<KnownProject> projects) {
        for (KnownProject project : projects) {
            KnownProject replaced = byId.put(project.projectId(), project);
            changes += project.weight() - (replaced == null ? 0 : replaced.weight());
        }
        Iterator<KnownProject> eldestFirst = byId.values().iterator();
        while (bytes(changes) > maxBytes && eldestFirst.hasNext()) {
            changes -= eldestFirst.next().weight();
            eldestFirst.remove();
        }
    }

    synchronized void clear() {
        byId.clear();
        changes = 0;
    }

    synchronized int size() {
        return byId.size();
    }

    synchronized long changes() {
        return changes;
    }

    synchronized long bytes() {
        return bytes(changes);
    }
}
