package fi.tiekartta.query.projects;

import fi.tiekartta.query.projects.ProjectTimeline.Segment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What the projection knows about one project: its changes, those in force in valid-time order (as
 * {@link ProjectTimeline#inForce} makes them), and the view rows believed now (open {@code recorded_to}) by the day
 * they start, which are always the fold of those changes. It is the state of {@code project_change} and
 * {@code project_view} for this project, kept in memory so that an event costs a fold of what it can change, not a
 * read and fold of the project's whole history.
 *
 * <p>Applying a change does to the rows exactly what the fold of all changes and a comparison with every believed
 * row did: the believed rows the new fold no longer has are closed at the change's recording time (or, recorded at
 * that very instant, deleted), the new fold's rows not believed yet are added from that time. A change whose recording
 * time is earlier than one before it counts from the project's latest recording time instead ({@link #knownFrom}).
 * It only computes less: a change takes effect on its effective date (a correction on the earlier of its old and new
 * date, a retraction on the date it took back), so the segments that end before the segment running into that day
 * stay as they are, and only the fold from that segment on is done again ({@link ProjectTimeline#foldFrom}), taken up
 * where the last fold passed the day it starts on when no change dated before that day came since
 * ({@link ProjectTimeline.FoldPoint}).
 *
 * <p>A project read from the tables for a batch whose changes are all status changes of the whole project, each
 * dated on or after the day its last believed row starts (the usual report of how a project stands now), is read
 * as its tail ({@link #ofTail}): its head and that one row, not its history. Such a change can only end that row and
 * start another ({@link ProjectTimeline#withProjectStatus}), so nothing else is needed; {@link #continuesWith} says
 * which changes a tail can take, and {@link ProjectionWriter} reads the whole project for any other.
 *
 * <p>Not thread-safe: one batch owns it at a time ({@link KnownProjects#takeAll}).
 */
final class KnownProject {

    /** Valid-time order: effective date, then sequence (unique within a project). */
    private record ValidTime(LocalDate effectiveDate, long sequence) implements Comparable<ValidTime> {
        @Override
        public int compareTo(ValidTime other) {
            int byDate = effectiveDate.compareTo(other.effectiveDate);
            return byDate != 0 ? byDate : Long.compare(sequence, other.sequence);
        }
    }

    /** A row of {@code project_view} believed now; {@code pending} while the current batch is yet to write it. */
    static final class Believed {
        final Segment segment;
        final Instant recordedFrom;
        ProjectionBatch.NewRow pending;

        Believed(Segment segment, Instant recordedFrom, ProjectionBatch.NewRow pending) {
            this.segment = segment;
            this.recordedFrom = recordedFrom;
            this.pending = pending;
        }
    }

    private final String projectId;
    /** Read as its tail: {@link #changes} and {@link #inForce} are empty, {@link #believed} holds the last row only. */
    private final boolean tail;
    /** A tail's version (its history is in the table only); -1 for a project read whole. */
    private long tailSequence = -1;
    /** Every change as the fold reads it (who, why and which request are left out), in sequence order. */
    private final List<RecordedChange> changes = new ArrayList<>();
    private RecordedChange registration;
    private final TreeMap<ValidTime, RecordedChange> inForce = new TreeMap<>();
    private final Map<String, ValidTime> statusChangeTimes = new HashMap<>();
    private final TreeMap<LocalDate, Believed> believed = new TreeMap<>();
    /** Where the last fold passed its last new day, for the next to take up there ({@link #refold}); may be null. */
    private ProjectTimeline.FoldPoint foldPoint;
    /** The latest recording time of any change, and the recording time of the change with the last sequence. */
    private Instant lastRecordedAt;
    private Instant versionRecordedAt;

    private KnownProject(String projectId, boolean tail) {
        this.projectId = projectId;
        this.tail = tail;
    }

    /** A project as stored: {@code stored} in sequence order, {@code believedRows} its rows with an open recorded_to. */
    static KnownProject of(String projectId, List<RecordedChange> stored, Collection<ProjectViewTable.StoredRow> believedRows) {
        KnownProject project = new KnownProject(projectId, false);
        for (RecordedChange change : stored) {
            project.changes.add(foldInput(change));
            project.noteRecordingTime(change);
        }
        project.recomputeInForce();
        for (ProjectViewTable.StoredRow row : believedRows) {
            project.believed.put(row.segment().validFrom(), new Believed(row.segment(), row.recordedFrom(), null));
        }
        return project;
    }

    /** A project as its tail: its head as stored, and its believed row that runs on without end. */
    static KnownProject ofTail(ProjectViewTable.StoredTail stored) {
        KnownProject project = new KnownProject(stored.projectId(), true);
        project.tailSequence = stored.version();
        project.versionRecordedAt = stored.versionRecordedAt();
        project.lastRecordedAt = stored.lastRecordedAt();
        ProjectViewTable.StoredRow row = stored.lastBelieved();
        project.believed.put(row.segment().validFrom(), new Believed(row.segment(), row.recordedFrom(), null));
        return project;
    }

    String projectId() {
        return projectId;
    }

    boolean isTail() {
        return tail;
    }

    /** The project's version: the sequence of its last change, -1 before anything arrived. */
    long lastSequence() {
        return changes.isEmpty() ? tailSequence : changes.get(changes.size() - 1).sequence();
    }

    Instant lastRecordedAt() {
        return lastRecordedAt;
    }

    Instant versionRecordedAt() {
        return versionRecordedAt;
    }

    /** In changes, for the cache's bound: a tail holds one row and no change, and weighs as one. */
    int weight() {
        return changes.size() + 1;
    }

    /** The sector its registration named; null before the registration arrived. */
    String sector() {
        if (tail) {
            return believed.lastEntry().getValue().segment.state().sector();
        }
        return registration == null ? null : registration.details().sector();
    }

    /**
     * Whether this tail can take {@code coming} (changes of one batch, in delivery order) one after another: each a
     * status change of the whole project, new (a sequence after the version so far), dated on or after the day the
     * last believed row starts. Always false for a project read whole, which takes any change.
     */
    boolean continuesWith(List<RecordedChange> coming) {
        if (!tail) {
            return false;
        }
        long sequence = lastSequence();
        // Each change ends the last row on its date or leaves it: the next must be dated on or after both.
        LocalDate lastRowFrom = believed.lastKey();
        for (RecordedChange change : coming) {
            if (change.sequence() <= sequence || change.type() != ChangeType.STATUS_CHANGED || change.unit() != null
                || change.effectiveDate().isBefore(lastRowFrom)) {
                return false;
            }
            sequence = change.sequence();
            lastRowFrom = change.effectiveDate();
        }
        return true;
    }

    boolean has(long sequence) {
        if (tail) {
            return sequence <= tailSequence; // a stream's sequences have no gaps: whatever is not after the version is stored
        }
        int low = 0;
        int high = changes.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            long found = changes.get(middle).sequence();
            if (found == sequence) {
                return true;
            } else if (found < sequence) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return false;
    }

    /**
     * Records {@code change} (new: the caller checked {@link #has}) and brings the believed rows in line with the new
     * fold, telling {@code batch} what to write. Should it fail, the batch fails and this project is not used again.
     */
    void apply(RecordedChange change, ProjectionBatch batch) {
        if (tail) {
            continueTail(change, batch);
            return;
        }
        RecordedChange input = foldInput(change);
        boolean inOrder = change.sequence() > lastSequence();
        int at = changes.size();
        while (at > 0 && changes.get(at - 1).sequence() > change.sequence()) {
            at--;
        }
        changes.add(at, input);
        noteRecordingTime(change);
        batch.changeRecorded(this, change);

        LocalDate affected;
        boolean everything = !inOrder || input.type() == ChangeType.REGISTERED;
        if (everything) {
            recomputeInForce(); // not the order the fold assumes: start over
            affected = null;
        } else {
            affected = putInForce(input);
            if (affected == null) {
                return; // corrects or retracts nothing in force: the fold is what it was
            }
        }
        refold(everything ? null : affected, knownFrom(), batch);
    }

    /**
     * A status change of the whole project applied to a tail: what the fold and the comparison with the believed rows
     * come to when nothing in force is dated after the change but owner and detail changes that altered nothing (any
     * other would have started a row after it). The last row gives the state the change applies to; it runs on
     * unchanged if the new state is the same, else it ends on the change's date (or goes, dated that same day) and a
     * row with the new state runs on from there.
     */
    private void continueTail(RecordedChange change, ProjectionBatch batch) {
        if (!continuesWith(List.of(change))) {
            throw new IllegalStateException("project " + projectId + " was read as its tail for changes it cannot take: "
                                            + change.sequence() + " " + change.type());
        }
        noteRecordingTime(change);
        tailSequence = change.sequence();
        batch.changeRecorded(this, change);

        Believed last = believed.lastEntry().getValue();
        Segment before = last.segment;
        ProjectState after = ProjectTimeline.withProjectStatus(before.state(), change);
        if (after.equals(before.state())) {
            return;
        }
        Instant at = knownFrom();
        believed.clear();
        retire(last, at, batch);
        LocalDate on = change.effectiveDate();
        if (on.isAfter(before.validFrom())) {
            batch.insert(projectId, new Segment(before.validFrom(), on, before.state()), at);
        }
        Segment next = new Segment(on, null, after);
        believed.put(on, new Believed(next, at, batch.insert(projectId, next, at)));
    }

    /**
     * Changes what is in force as {@link ProjectTimeline#inForce} would after {@code change}; returns the first day
     * the change can alter, or null when it alters nothing.
     */
    private LocalDate putInForce(RecordedChange change) {
        switch (change.type()) {
            case STATUS_CHANGED -> {
                ValidTime time = new ValidTime(change.effectiveDate(), change.sequence());
                ValidTime replaced = statusChangeTimes.put(change.changeId(), time);
                if (replaced != null) {
                    inForce.remove(replaced);
                }
                inForce.put(time, change);
                return replaced == null ? time.effectiveDate() : earlier(replaced.effectiveDate(), time.effectiveDate());
            }
            case CORRECTED -> {
                ValidTime original = statusChangeTimes.get(change.corrects());
                if (original == null) {
                    return null;
                }
                RecordedChange corrected = inForce.remove(original).correctedAs(change);
                ValidTime time = new ValidTime(corrected.effectiveDate(), corrected.sequence());
                statusChangeTimes.put(change.corrects(), time);
                inForce.put(time, corrected);
                return earlier(original.effectiveDate(), time.effectiveDate());
            }
            case RETRACTED -> {
                ValidTime original = statusChangeTimes.remove(change.corrects());
                if (original == null) {
                    return null;
                }
                inForce.remove(original);
                return original.effectiveDate();
            }
            case OWNER_ASSIGNED, DETAILS_REVISED -> {
                inForce.put(new ValidTime(change.effectiveDate(), change.sequence()), change);
                return change.effectiveDate();
            }
            default -> throw new IllegalStateException("a registration is folded from the start");
        }
    }

    private void recomputeInForce() {
        inForce.clear();
        statusChangeTimes.clear();
        registration = changes.stream().filter(c -> c.type() == ChangeType.REGISTERED).findFirst().orElse(null);
        for (RecordedChange change : ProjectTimeline.inForce(changes)) {
            ValidTime time = new ValidTime(change.effectiveDate(), change.sequence());
            inForce.put(time, change);
            if (change.type() == ChangeType.STATUS_CHANGED) {
                statusChangeTimes.put(change.changeId(), time);
            }
        }
    }

    /**
     * Folds again from the believed segment that runs into {@code affected} (the whole fold with null) and compares
     * the result with the believed rows from there on.
     */
    private void refold(LocalDate affected, Instant recordedAt, ProjectionBatch batch) {
        if (registration == null) {
            retireAll(believed, recordedAt, batch); // nothing to show before the registration arrives
            return;
        }
        LocalDate registeredOn = registration.effectiveDate();
        LocalDate from = affected == null ? null : believed.lowerKey(affected);
        List<Segment> segments = null;
        if (from != null && from.isAfter(registeredOn)) {
            Segment kept = believed.lowerEntry(from).getValue().segment;
            ProjectTimeline.Folded folded = foldAfter(kept, from);
            if (folded.segments().get(0) == kept) {
                segments = folded.segments().subList(1, folded.segments().size());
                foldPoint = folded.lastPoint();
            }
            // else the first new segment joined the kept one: fold everything, as the full fold would
        }
        if (segments == null) {
            from = registeredOn;
            ProjectTimeline.Folded folded = ProjectTimeline.foldFrom(registration, inForce.values(), registeredOn, null);
            segments = folded.segments();
            foldPoint = folded.lastPoint();
            if (!believed.isEmpty() && believed.firstKey().isBefore(from)) {
                from = believed.firstKey();
            }
        }
        compare(believed.tailMap(from, true), segments, recordedAt, batch);
    }

    /**
     * The fold from {@code from} on, continuing {@code kept}: taken up at the last fold's point where it starts on or
     * after the point's day. The point holds what the changes before its day left, and those are as they were: the
     * change being applied alters nothing before the day it takes effect, which is after {@code from}.
     */
    private ProjectTimeline.Folded foldAfter(Segment kept, LocalDate from) {
        if (foldPoint != null && !from.isBefore(foldPoint.day())) {
            Collection<RecordedChange> fromItsDay = inForce.tailMap(new ValidTime(foldPoint.day(), Long.MIN_VALUE), true).values();
            return ProjectTimeline.foldOn(foldPoint, fromItsDay, from, kept);
        }
        return ProjectTimeline.foldFrom(registration, inForce.values(), from, kept);
    }

    /** The believed rows from a day on against the new fold from that day on: unchanged rows stay, others go, new come. */
    private void compare(NavigableMap<LocalDate, Believed> current, List<Segment> segments, Instant recordedAt,
                         ProjectionBatch batch) {
        Map<LocalDate, Segment> wanted = new HashMap<>();
        for (Segment segment : segments) {
            wanted.put(segment.validFrom(), segment);
        }
        List<Believed> retired = new ArrayList<>();
        for (Believed row : current.values()) {
            Segment same = wanted.get(row.segment.validFrom());
            if (row.segment.equals(same)) {
                wanted.remove(row.segment.validFrom());
            } else {
                retired.add(row);
            }
        }
        for (Believed row : retired) {
            believed.remove(row.segment.validFrom());
            retire(row, recordedAt, batch);
        }
        for (Segment segment : segments) {
            if (wanted.containsKey(segment.validFrom())) {
                believed.put(segment.validFrom(), new Believed(segment, recordedAt, batch.insert(projectId, segment, recordedAt)));
            }
        }
    }

    private void retireAll(NavigableMap<LocalDate, Believed> rows, Instant recordedAt, ProjectionBatch batch) {
        List<Believed> all = new ArrayList<>(rows.values());
        rows.clear();
        all.forEach(row -> retire(row, recordedAt, batch));
    }

    private void retire(Believed row, Instant recordedAt, ProjectionBatch batch) {
        // A row recorded at this very instant was never visible to any knownAt before this change: it goes instead of
        // leaving an empty interval behind. (Never later: a row's instant is at most the project's latest, knownFrom.)
        boolean close = row.recordedFrom.isBefore(recordedAt);
        if (row.pending != null) {
            row.pending.retire(close ? recordedAt : null);
        } else if (close) {
            batch.closeStored(projectId, row.segment.validFrom(), recordedAt);
        } else {
            batch.deleteStored(projectId, row.segment.validFrom());
        }
    }

    /** The batch that applied changes to this project has written its rows: nothing is pending any more. */
    void written() {
        believed.values().forEach(row -> row.pending = null);
    }

    /**
     * The instant from which the change just noted counts in the project's rows: its recording time, or the latest
     * recording time of the project's changes before it when that is later (clocks of two command-service instances
     * apart, an event delivered out of turn). What is known of a project only grows: rows written from an instant
     * before the close of a row they follow would give two answers for a day as known in between (docs/TIME.md,
     * "A time stamp earlier than the one before it").
     */
    private Instant knownFrom() {
        return lastRecordedAt;
    }

    private void noteRecordingTime(RecordedChange change) {
        // (A tail's times start from its head, so the same rule carries on from where the history left them.)
        Instant at = change.recordedAt();
        lastRecordedAt = lastRecordedAt == null || at.isAfter(lastRecordedAt) ? at : lastRecordedAt;
        if (change.sequence() >= lastSequence()) {
            versionRecordedAt = at;
        }
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    /** The change with only what {@link ProjectTimeline#fold} reads: who, why and which request are not kept. */
    private static RecordedChange foldInput(RecordedChange c) {
        return new RecordedChange(c.projectId(), c.sequence(), c.changeId(), null, c.type(), null, null, null, null,
                                  c.effectiveDate(), c.status(), null, c.unit(), c.progressPercent(), c.targetYear(),
                                  c.scheduledFor(), c.note(), c.corrects(), c.details());
    }
}
