package fi.tiekartta.query.round;

import fi.tiekartta.vocabulary.ProjectStatus;
import org.springframework.lang.Nullable;

import java.time.Instant;

/**
 * A project a round covers: whether (and when first) it reported, and its sector, owner, title and status on the
 * round's {@code asOf} as known when the round closed (while open: as known now).
 */
public record RoundProject(String projectId, String sector, @Nullable String owner, String title,
                           ProjectStatus status, boolean reported, @Nullable Instant reportedAt) {
}
