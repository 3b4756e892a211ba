package fi.tiekartta.support.web;

import java.sql.SQLException;

/**
 * The database went away while a transaction was being committed: the COMMIT may have been durable before the
 * connection broke, or not. The client must not be told "nothing was recorded" (a retry without an
 * {@code Idempotency-Key} could record the change twice), nor get a 500: it gets 503 saying the outcome is
 * unknown, and a retry with the same key settles it (the first answer if the commit went through, one recording
 * if it did not).
 */
public class CommitOutcomeUnknownException extends RuntimeException {

    CommitOutcomeUnknownException(Throwable cause) {
        super("The commit failed without the database saying it rolled back; the outcome is unknown", cause);
    }

    /**
     * @param commitFailure what a transaction's commit threw
     * @return the failure itself where the database said it rolled the transaction back (SQLSTATE class 23, a
     *         deferred constraint, or 40, a serialization failure or deadlock); otherwise (a broken connection, a
     *         server shutting down, anything else) a commit in doubt: whether COMMIT was durable cannot be known
     */
    public static RuntimeException classify(RuntimeException commitFailure) {
        for (Throwable t = commitFailure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("23") || sql.getSQLState().startsWith("40"))) {
                return commitFailure;
            }
        }
        return new CommitOutcomeUnknownException(commitFailure);
    }

    static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CommitOutcomeUnknownException) {
                return true;
            }
        }
        return false;
    }
}
