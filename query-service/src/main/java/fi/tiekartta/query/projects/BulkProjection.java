package fi.tiekartta.query.projects;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The projection of one project's whole stream at once, for a rebuild: the changes go through exactly the code the
 * live projection runs ({@link KnownProject#apply} into a {@link ProjectionBatch}, as {@link ProjectionWriter} does for
 * a processor's batch), so the bulk path and the live path cannot disagree; only the writing differs. The rows come
 * out as binary COPY rows for the tables {@code project_change}, {@code project_view} and {@code project_head}, each
 * in the order of its table's columns ({@link ChangeLog#COLUMNS}, {@link ProjectViewTable#COLUMNS},
 * {@link ProjectHeads#COLUMNS}).
 */
public final class BulkProjection {

    private BulkProjection() {
    }

    /**
     * Folds {@code stream} (one project's changes in sequence order, a prefix of its stream) and adds its rows.
     * @return the number of changes applied
     */
    public static int project(String projectId, List<RecordedChange> stream, CopyRows changes, CopyRows views, CopyRows heads) {
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
        // About half of a project's rows carry a state an earlier row of it has (a row closed and its days written again
        // up to a later change; a change undone): each state is written out once (docs/PERFORMANCE.md, "What changed
        // on 2026-12-01 (night)"). Equal states have equal stored forms: the form is a function of the state alone.
        Map<ProjectState, byte[]> storedForms = new HashMap<>();
        for (ProjectionBatch.NewRow row : batch.inserts) {
            if (!row.dropped()) {
                ProjectTimeline.Segment segment = row.segment;
                ProjectState state = segment.state();
                views.rowInOrder(ProjectViewTable.rebuildOrder(segment.validFrom(), row.recordedTo()),
                                 row.projectId, segment.validFrom(), segment.validTo(), row.recordedFrom, row.recordedTo(),
                                 state.sector(), state.status().name(), storedForms.computeIfAbsent(state, ViewJson::stored),
                                 state.title(), state.plannedEndYear(), state.targetYear());
            }
        }
        heads.row(projectId, project.lastSequence(), project.versionRecordedAt(), project.lastRecordedAt());
        return batch.changes.size();
    }
}
