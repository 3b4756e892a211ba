package fi.tiekartta.command.append;

/**
 * A row of {@code event_store.idempotency_key}: the first answer to a command sent with an Idempotency-Key, written
 * by the group commit in the transaction of that command's events.
 */
public record IdempotencyRow(String actor, String key, String fingerprint, int status, String body, String location,
                             String etag) {
}
