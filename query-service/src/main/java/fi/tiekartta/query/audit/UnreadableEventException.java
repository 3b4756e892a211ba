package fi.tiekartta.query.audit;

/** A stored event the replay cannot read (its payload, metadata or time no longer parse): the store was altered. */
public class UnreadableEventException extends RuntimeException {

    UnreadableEventException(StoredEvent event, String what, Throwable cause) {
        super("The stored event of project " + event.aggregateIdentifier() + " at sequence " + event.sequenceNumber()
              + " cannot be read (" + what + "); GET /api/audit/verify names what was altered.", cause);
    }
}
