package fi.tiekartta.command.idempotency;

/** The same Idempotency-Key came with a different request; answered 422. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException() {
        super("This Idempotency-Key was used with a different request; use a new key for a new request.");
    }
}
