package fi.tiekartta.query.projects;

import com.fasterxml.jackson.annotation.JsonValue;
import fi.tiekartta.vocabulary.ProjectStatus;

import java.time.Instant;

/**
 * A project view as its row stores it, not decoded: what a roadmap groups, counts and orders its projects by, and
 * the stored state ({@link ViewJson}, the stored form) that its answer writes as it came. Shown as the
 * {@link ProjectView} it stands for, which {@link #view()} decodes when a field is wanted.
 *
 * @param json the stored state in the stored form ({@link ViewJson#asStored})
 */
public record StoredView(String projectId, String sector, ProjectStatus status, byte[] json, long version,
                         Instant lastRecordedAt) {

    @JsonValue
    public ProjectView view() {
        return ProjectView.of(ViewJson.read(json), version, lastRecordedAt);
    }
}
