package fi.tiekartta.query.audit;

import fi.tiekartta.support.eventstore.EventStoreTables;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A digest of the event log as it stood at an instant: what a published report or answer was computed from,
 * so that anyone can later tell whether the store still holds exactly those events.
 *
 * <p>This first form hashes every event's id and payload recorded up to {@code knownAt}, in global order.
 */
@Component
public class EventLogDigest {

    private final JdbcTemplate jdbc;

    public EventLogDigest(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code sha256:} followed by the hex digest of the events recorded up to {@code knownAt}. */
    public String digestAt(Instant knownAt) {
        MessageDigest sha256 = sha256();
        jdbc.query("SELECT event_identifier, payload FROM " + EventStoreTables.DOMAIN_EVENTS
                   + " WHERE time_stamp::timestamptz <= ? ORDER BY global_index",
                   rs -> {
                       sha256.update(rs.getString(1).getBytes(StandardCharsets.UTF_8));
                       sha256.update((byte) '\n');
                       sha256.update(rs.getString(2).getBytes(StandardCharsets.UTF_8));
                       sha256.update((byte) '\n');
                   },
                   java.sql.Timestamp.from(knownAt));
        return "sha256:" + HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
