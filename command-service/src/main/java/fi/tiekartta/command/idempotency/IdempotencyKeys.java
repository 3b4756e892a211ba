package fi.tiekartta.command.idempotency;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.Optional;

/** Table {@code event_store.idempotency_key}, read; the group commit writes it ({@code AppendGroupFunction}). */
@Repository
class IdempotencyKeys {

    private final JdbcTemplate jdbc;

    IdempotencyKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredAnswer> find(String actor, String key) {
        return jdbc.query("SELECT fingerprint, response_status, response_body, location, etag "
                          + "FROM event_store.idempotency_key WHERE actor = ? AND idempotency_key = ?",
                          (rs, i) -> new StoredAnswer(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                                                      rs.getString(5)),
                          actor, key).stream().findFirst();
    }
}
