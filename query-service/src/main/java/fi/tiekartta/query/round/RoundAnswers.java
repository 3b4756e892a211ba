package fi.tiekartta.query.round;

import fi.tiekartta.vocabulary.ProjectStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.lang.Nullable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The answers of the reporting-round endpoints (docs/API.md, "Reporting rounds"). */
public final class RoundAnswers {

    private RoundAnswers() {
    }

    /** {@code GET /api/reporting-rounds}: every round, the most recently opened first. */
    public record RoundList(List<RoundSummary> rounds) {
    }

    /** A round with its counts, without its projects. */
    public record RoundSummary(String roundId, String title, LocalDate asOf, LocalDate dueDate,
                               @Schema(allowableValues = {"OPEN", "CLOSED"}) String state,
                               Instant openedAt, @Nullable String openedBy, @Nullable Instant closedAt,
                               @Nullable String closedBy, int reported, int missing) {
    }

    /** {@code GET /api/reporting-rounds/{roundId}}: a round, who has reported per sector and project, and the reminders sent. */
    public record RoundDetails(String roundId, String title, LocalDate asOf, LocalDate dueDate,
                               @Schema(allowableValues = {"OPEN", "CLOSED"}) String state,
                               Instant openedAt, @Nullable String openedBy, @Nullable Instant closedAt,
                               @Nullable String closedBy, int reported, int missing, List<SectorProgress> sectors,
                               List<RoundProject> projects, List<ReminderSent> reminders) {
    }

    /** One sector's share of a round: every configured sector, in order, even one the round does not cover. */
    public record SectorProgress(String sector, String label, int reported, int missing) {
    }

    /** A reminder e-mailed (or, with {@code sentAt} null, claimed and not known to be sent: docs/ROUNDS.md). */
    public record ReminderSent(String owner, ReminderKind kind, String recipient, List<String> projectIds,
                               @Nullable Instant sentAt) {

        static ReminderSent of(SentReminders.Sent sent) {
            return new ReminderSent(sent.owner(), sent.kind(), sent.recipient(), sent.projectIds(), sent.sentAt());
        }
    }

    /** {@code GET /api/me/reporting}: the open rounds that cover the caller's projects, and which of them are missing. */
    public record MyReporting(List<MyRound> rounds) {
    }

    public record MyRound(String roundId, String title, LocalDate asOf, LocalDate dueDate, List<MissingProject> missing) {
    }

    public record MissingProject(String projectId, String title, ProjectStatus status) {
    }
}
