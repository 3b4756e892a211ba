package fi.tiekartta.vocabulary;

/**
 * Keys of the event metadata that say who made a change, why, and in which request. They are written by
 * the command-service, read by the query-service and covered by the audit hash, so both sides share them.
 */
public final class AuditMetadata {
    /** The subject of the bearer token that sent the command; never taken from a request body. */
    public static final String ACTOR = "actor";
    /** The request's correlation id (header {@code X-Correlation-Id}, or generated), also in the logs. */
    public static final String CORRELATION_ID = "correlationId";
    /** Why the change was made, as the actor wrote it. */
    public static final String REASON = "reason";

    private AuditMetadata() {
    }
}
