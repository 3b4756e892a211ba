package fi.tiekartta.command.idempotency;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.Optional;

/** Table {@code event_store.idempotency_key}. */
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

    /** Fails with a duplicate-key error when another request with the same key got there first. */
    void save(String actor, String key, StoredAnswer answer) {
        jdbc.update("INSERT INTO event_store.idempotency_key "
                    + "(actor, idempotency_key, fingerprint, response_status, response_body, location, etag) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    actor, key, answer.fingerprint(), answer.status(), answer.body(), answer.location(), answer.etag());
    }
}
