package fi.tiekartta.query.projects;

import fi.tiekartta.query.projects.ProjectTimeline.Segment;
import fi.tiekartta.vocabulary.ProjectStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The writes of one batch of events (one transaction with the processor's token), collected while the events are
 * applied in memory and written together when the batch commits. A row added and closed within the same batch is
 * written once, already closed; a row added and dropped again (recorded at the same instant) is not written at all:
 * the table ends up exactly as if each event had been written on its own.
 */
final class ProjectionBatch {

    /** The projects this batch works on, taken from the cache or the tables; returned to the cache on commit. */
    final Map<String, KnownProject> projects = new LinkedHashMap<>();
    final List<RecordedChange> changes = new ArrayList<>();
    final List<StoredRowChange> closes = new ArrayList<>();
    final List<StoredRowChange> deletes = new ArrayList<>();
    final List<NewRow> inserts = new ArrayList<>();
    final Set<KnownProject> changedHeads = new LinkedHashSet<>();
    final List<StatusCount> liveStatusChanges = new ArrayList<>();
    /** Where the batch's time went, for the DEBUG line each batch logs (what tuning the batch size looks at). */
    long openedAt;
    long verifyNanos;
    long loadNanos;
    int tails;
    int loaded;

    /** A believed row stored before this batch, closed at {@code recordedTo} or (null) deleted. */
    record StoredRowChange(String projectId, LocalDate validFrom, Instant recordedTo) {
    }

    /** A live status change the metrics count once the batch is committed. */
    record StatusCount(ProjectStatus status, String sector) {
    }

    /** A row this batch adds; closed ({@code recordedTo}) or dropped again by a later event of the batch. */
    static final class NewRow {
        final String projectId;
        final Segment segment;
        final Instant recordedFrom;
        private Instant recordedTo;
        private boolean dropped;

        private NewRow(String projectId, Segment segment, Instant recordedFrom) {
            this.projectId = projectId;
            this.segment = segment;
            this.recordedFrom = recordedFrom;
        }

        /** Closed at {@code at}; with {@code at} null, never visible to anyone: not written. */
        void retire(Instant at) {
            if (at == null) {
                dropped = true;
            } else {
                recordedTo = at;
            }
        }

        Instant recordedTo() {
            return recordedTo;
        }

        boolean dropped() {
            return dropped;
        }
    }

    void changeRecorded(KnownProject project, RecordedChange change) {
        changes.add(change);
        changedHeads.add(project);
    }

    void closeStored(String projectId, LocalDate validFrom, Instant at) {
        closes.add(new StoredRowChange(projectId, validFrom, at));
    }

    void deleteStored(String projectId, LocalDate validFrom) {
        deletes.add(new StoredRowChange(projectId, validFrom, null));
    }

    NewRow insert(String projectId, Segment segment, Instant recordedFrom) {
        NewRow row = new NewRow(projectId, segment, recordedFrom);
        inserts.add(row);
        return row;
    }

    void countStatusChange(ProjectStatus status, String sector) {
        liveStatusChanges.add(new StatusCount(status, sector));
    }

    boolean hasWrites() {
        return !changes.isEmpty();
    }
}
