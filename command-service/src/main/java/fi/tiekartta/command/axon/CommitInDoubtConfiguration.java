package fi.tiekartta.command.axon;

import fi.tiekartta.support.web.CommitOutcomeUnknownException;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Axon's transactions, as Spring's, except that a commit the database connection broke off is reported as a
 * commit in doubt ({@link CommitOutcomeUnknownException}): every command's events and idempotency row are
 * committed through this one transaction manager, so no path can mistake an unknown outcome for a failure.
 */
@Configuration(proxyBeanMethods = false)
public class CommitInDoubtConfiguration {

    /** Replaces the one Axon's auto-configuration would make from the same Spring transaction manager. */
    @Bean
    public TransactionManager axonTransactionManager(PlatformTransactionManager transactions) {
        return new CommitInDoubtTransactionManager(new SpringTransactionManager(transactions));
    }

    static final class CommitInDoubtTransactionManager implements TransactionManager {

        private final TransactionManager delegate;

        CommitInDoubtTransactionManager(TransactionManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public Transaction startTransaction() {
            Transaction transaction = delegate.startTransaction();
            return new Transaction() {
                @Override
                public void commit() {
                    try {
                        transaction.commit();
                    } catch (RuntimeException failure) {
                        throw CommitOutcomeUnknownException.classify(failure);
                    }
                }

                @Override
                public void rollback() {
                    transaction.rollback();
                }
            };
        }
    }
}
