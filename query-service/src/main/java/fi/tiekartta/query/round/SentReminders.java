package fi.tiekartta.query.round;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Table {@code read_model.round_reminder}: the reminders claimed and sent. Its primary key (round, owner, kind) is
 * what makes a reminder go out once with any number of instances and restarts: whoever inserts the row sends,
 * everyone else sees the conflict and does not. A rebuild of the read models never clears it.
 */
@Repository
public class SentReminders {

    private final JdbcTemplate jdbc;

    SentReminders(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A reminder as recorded; {@code sentAt} null while it is being sent (or if the sender died meanwhile). */
    public record Sent(String owner, ReminderKind kind, String recipient, List<String> projectIds, Instant sentAt) {
    }

    /** @return whether this caller won the reminder and should send it (committed at once, outside any transaction) */
    boolean claim(String roundId, String owner, ReminderKind kind, String recipient, List<String> projectIds, Instant at) {
        return jdbc.update("INSERT INTO read_model.round_reminder (round_id, owner, kind, recipient, project_ids, claimed_at) "
                           + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                           ps -> {
                               ps.setString(1, roundId);
                               ps.setString(2, owner);
                               ps.setString(3, kind.name());
                               ps.setString(4, recipient);
                               ps.setArray(5, ps.getConnection().createArrayOf("text", projectIds.toArray()));
                               ps.setTimestamp(6, Timestamp.from(at));
                           }) == 1;
    }

    void markSent(String roundId, String owner, ReminderKind kind, Instant at) {
        jdbc.update("UPDATE read_model.round_reminder SET sent_at = ? WHERE round_id = ? AND owner = ? AND kind = ?",
                    Timestamp.from(at), roundId, owner, kind.name());
    }

    /** The SMTP server refused: the claim goes, so that a later run tries again. */
    void release(String roundId, String owner, ReminderKind kind) {
        jdbc.update("DELETE FROM read_model.round_reminder WHERE round_id = ? AND owner = ? AND kind = ? AND sent_at IS NULL",
                    roundId, owner, kind.name());
    }

    /** The reminders of a round, in the order they were claimed. */
    public List<Sent> of(String roundId) {
        return jdbc.query("SELECT owner, kind, recipient, project_ids, sent_at FROM read_model.round_reminder "
                          + "WHERE round_id = ? ORDER BY claimed_at, owner, kind",
                          (rs, i) -> new Sent(rs.getString(1), ReminderKind.valueOf(rs.getString(2)), rs.getString(3),
                                              List.of((String[]) rs.getArray(4).getArray()),
                                              rs.getObject(5, OffsetDateTime.class) == null ? null
                                                      : rs.getObject(5, OffsetDateTime.class).toInstant()),
                          roundId);
    }
}
