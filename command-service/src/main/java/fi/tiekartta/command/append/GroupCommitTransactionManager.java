package fi.tiekartta.command.append;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

import java.time.Duration;

/**
 * Axon's transaction manager in the command-service. A root unit of work's "transaction" opens no database
 * transaction: it collects what the unit of work appends ({@link PendingAppend}: events via
 * {@link GroupCommitStorageEngine}, the idempotency row via {@code IdempotentExecution}) and, on commit, hands it
 * to the {@link GroupAppender} and waits until the group that holds it is durable or refused. A nested unit of
 * work (a command sent inside an import or an idempotent request) joins the root's append and decides nothing,
 * as a participating Spring transaction did. Reads (loading an aggregate, the cache check) run in autocommit.
 *
 * <p>The commit throws what the group commit decided for this command: a conflict of its own
 * ({@code ConcurrencyException}, {@code AggregateStreamCreationException}, {@link IdempotencyKeyTakenException}),
 * the database being unreachable, or {@code CommitOutcomeUnknownException} when the statement was cut off and the
 * outcome cannot be known.
 */
public class GroupCommitTransactionManager implements TransactionManager {

    private static final Transaction PARTICIPATING = new Transaction() {
        @Override
        public void commit() {
        }

        @Override
        public void rollback() {
        }
    };

    private final GroupAppender appender;
    private final Duration maxWait;

    public GroupCommitTransactionManager(GroupAppender appender, Duration maxWait) {
        this.appender = appender;
        this.maxWait = maxWait;
    }

    @Override
    public Transaction startTransaction() {
        if (PendingAppend.current().isPresent()) {
            return PARTICIPATING;
        }
        PendingAppend pending = PendingAppend.open();
        return new Transaction() {
            @Override
            public void commit() {
                pending.close();
                if (!pending.isEmpty()) {
                    appender.append(pending, maxWait);
                }
            }

            @Override
            public void rollback() {
                pending.close();
            }
        };
    }
}
