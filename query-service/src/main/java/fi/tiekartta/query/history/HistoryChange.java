package fi.tiekartta.query.history;

import fi.tiekartta.query.projects.ChangeType;
import fi.tiekartta.query.projects.ProjectDetails;
import fi.tiekartta.query.projects.RecordedChange;
import fi.tiekartta.vocabulary.ProjectStatus;
import org.springframework.lang.Nullable;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One entry of a project's history (docs/API.md, the history), with two additions: {@code supersededBy}, and
 * {@code details} for the changes that set the owner, title, description or planned years.
 */
public record HistoryChange(
        String changeId,
        ChangeType type,
        @Nullable ProjectStatus status,
        @Nullable String unit,
        @Nullable Integer progressPercent,
        @Nullable Integer targetYear,
        @Nullable String scheduledFor,
        @Nullable LocalDate effectiveDate,
        Instant recordedAt,
        String actor,
        @Nullable String reason,
        @Nullable String note,
        long sequence,
        @Nullable String corrects,
        @Nullable String supersededBy,
        @Nullable ProjectDetails details) {

    /**
     * @param supersededBy the latest correction or retraction of this change, if any: the history keeps both
     *                     and links them both ways
     */
    static HistoryChange of(RecordedChange c, String supersededBy) {
        return new HistoryChange(c.changeId(), c.type(), c.status(), c.unit(), c.progressPercent(), c.targetYear(),
                                 c.scheduledFor(), c.effectiveDate(), c.recordedAt(), c.actor(), c.reason(), c.note(),
                                 c.sequence(), c.corrects(), supersededBy, c.details());
    }
}
