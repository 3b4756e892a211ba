package fi.tiekartta.command.append;

/**
 * A command's Idempotency-Key was stored by another request before this command's group was written, so nothing of
 * this command was: the caller answers with the stored answer instead (see {@code IdempotentExecution}).
 */
public class IdempotencyKeyTakenException extends RuntimeException {

    IdempotencyKeyTakenException(IdempotencyRow row) {
        super("Idempotency-Key " + row.key() + " of " + row.actor() + " was stored by another request first");
    }
}
