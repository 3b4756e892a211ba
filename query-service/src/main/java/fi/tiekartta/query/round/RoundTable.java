package fi.tiekartta.query.round;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Table {@code read_model.reporting_round}: one row per round, written by {@link RoundProjection}. */
@Repository
public class RoundTable {

    private static final String LIVE_SCHEMA = "read_model";
    private static final String COLUMNS = "round_id, title, as_of, due_date, opened_at, opened_by, closed_at, closed_by";

    private final JdbcTemplate jdbc;

    RoundTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records an opening; a redelivered one (the same round) changes nothing. */
    void opened(String roundId, String title, LocalDate asOf, LocalDate dueDate, Instant at, String by) {
        opened(LIVE_SCHEMA, roundId, title, asOf, dueDate, at, by);
    }

    /** The same, into the {@code reporting_round} of {@code schema}: a rebuild's tables are written with this code too. */
    public void opened(String schema, String roundId, String title, LocalDate asOf, LocalDate dueDate, Instant at, String by) {
        jdbc.update("INSERT INTO " + schema + ".reporting_round (round_id, title, as_of, due_date, opened_at, opened_by) "
                    + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (round_id) DO NOTHING",
                    roundId, title, Date.valueOf(asOf), Date.valueOf(dueDate), Timestamp.from(at), by);
    }

    /** Records a closing; only the first counts (a redelivery, or a second close the command side let through). */
    void closed(String roundId, Instant at, String by) {
        closed(LIVE_SCHEMA, roundId, at, by);
    }

    /** The same, in the {@code reporting_round} of {@code schema}. */
    public void closed(String schema, String roundId, Instant at, String by) {
        jdbc.update("UPDATE " + schema + ".reporting_round SET closed_at = ?, closed_by = ? WHERE round_id = ? AND closed_at IS NULL",
                    Timestamp.from(at), by, roundId);
    }

    public Optional<ReportingRound> find(String roundId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM read_model.reporting_round WHERE round_id = ?", ROW, roundId)
                   .stream().findFirst();
    }

    /** Every round, the most recently opened first. */
    public List<ReportingRound> newestFirst() {
        return jdbc.query("SELECT " + COLUMNS + " FROM read_model.reporting_round ORDER BY opened_at DESC, round_id", ROW);
    }

    /** The rounds not closed yet, the most recently opened first. */
    public List<ReportingRound> open() {
        return jdbc.query("SELECT " + COLUMNS + " FROM read_model.reporting_round WHERE closed_at IS NULL "
                          + "ORDER BY opened_at DESC, round_id", ROW);
    }

    void deleteAll() {
        jdbc.update("DELETE FROM read_model.reporting_round");
    }

    private static final RowMapper<ReportingRound> ROW = (rs, i) -> new ReportingRound(
            rs.getString("round_id"), rs.getString("title"),
            rs.getObject("as_of", LocalDate.class), rs.getObject("due_date", LocalDate.class),
            rs.getObject("opened_at", OffsetDateTime.class).toInstant(), rs.getString("opened_by"),
            rs.getObject("closed_at", OffsetDateTime.class) == null ? null
                    : rs.getObject("closed_at", OffsetDateTime.class).toInstant(),
            rs.getString("closed_by"));
}
