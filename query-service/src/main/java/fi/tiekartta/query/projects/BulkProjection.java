package fi.tiekartta.query.projects;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The projection of one project's whole stream at once, for a rebuild: the changes go through exactly the code the
 * live projection runs ({@link KnownProject#apply} into a {@link ProjectionBatch}, as {@link ProjectionWriter} does for
 * a processor's batch), so the bulk path and the live path cannot disagree; only the writing differs. The rows come
 * out as binary COPY rows for the tables {@code project_change}, {@code project_view} and {@code project_head}, each
 * in the order of its table's columns ({@link ChangeLog#COLUMNS}, {@link ProjectViewTable#REBUILT_COLUMNS},
 * {@link ProjectHeads#COLUMNS}).
 */
public final class BulkProjection {

    private BulkProjection() {
    }

    /**
     * Folds {@code stream} (one project's changes in sequence order, a prefix of its stream) and adds its rows.
     * @param ids the view rows' ids, each drawn once
     * @return the number of changes applied
     */
    public static int project(String projectId, List<RecordedChange> stream, CopyRows changes, CopyRows views, CopyRows heads,
                              LongSupplier ids) {
        if (stream.isEmpty()) {
            return 0;
        }
        KnownProject project = KnownProject.of(projectId, List.of(), List.of());
        ProjectionBatch batch = new ProjectionBatch();
        for (RecordedChange change : stream) {
            if (!project.has(change.sequence())) {
                project.apply(change, batch);
            }
        }
        for (RecordedChange c : batch.changes) {
            changes.row(c.projectId(), c.sequence(), c.changeId(), c.eventId(), c.type().name(), c.recordedAt(), c.actor(),
                        c.reason(), c.correlationId(), c.effectiveDate(), c.status() == null ? null : c.status().name(),
                        c.previousStatus() == null ? null : c.previousStatus().name(), c.unit(), c.progressPercent(),
                        c.targetYear(), c.scheduledFor(), c.note(), c.corrects(),
                        c.details() == null ? null : ChangeLog.toJson(c.details()));
        }
        writeViewRows(batch, views, ids);
        heads.row(projectId, project.lastSequence(), project.versionRecordedAt(), project.lastRecordedAt());
        return batch.changes.size();
    }

    /**
     * The project's view rows, each of its states held by one row only (V16). About half of a project's rows carry a
     * state an earlier row of it has: nearly every closed row's state is written again, up to the closing change's day,
     * by the row that took its place. A state is held by the first row believed now that has it, else by the first
     * closed row with it; every row believed now holds its own, and every other closed row names the holder. Each
     * state is put in its stored form once (docs/PERFORMANCE.md, "What changed on 2026-12-01 (night)", "What changed on
     * 2026-12-03 (day)"). Equal states have equal stored forms: the form is a function of the state alone.
     */
    private static void writeViewRows(ProjectionBatch batch, CopyRows views, LongSupplier ids) {
        List<ProjectionBatch.NewRow> rows = new ArrayList<>(batch.inserts.size());
        for (ProjectionBatch.NewRow row : batch.inserts) {
            if (!row.dropped()) {
                rows.add(row);
            }
        }
        long[] id = new long[rows.size()];
        Map<ProjectState, Long> holders = new HashMap<>();
        for (int i = 0; i < id.length; i++) {
            id[i] = ids.getAsLong();
            if (rows.get(i).recordedTo() == null) {
                holders.putIfAbsent(rows.get(i).segment.state(), id[i]);
            }
        }
        Map<ProjectState, byte[]> storedForms = new HashMap<>();
        for (int i = 0; i < id.length; i++) {
            ProjectionBatch.NewRow row = rows.get(i);
            ProjectTimeline.Segment segment = row.segment;
            ProjectState state = segment.state();
            // null: this row holds its state (a row believed now, or the first closed row with a state no such row has)
            Long holder = row.recordedTo() == null ? null : holders.putIfAbsent(state, id[i]);
            byte[] stored = holder == null ? storedForms.computeIfAbsent(state, ViewJson::stored) : null;
            views.rowInOrder(ProjectViewTable.rebuildOrder(segment.validFrom(), row.recordedTo()),
                             id[i], row.projectId, segment.validFrom(), segment.validTo(), row.recordedFrom, row.recordedTo(),
                             state.sector(), state.status().name(), stored, state.title(), state.plannedEndYear(),
                             state.targetYear(), holder);
        }
    }
}
