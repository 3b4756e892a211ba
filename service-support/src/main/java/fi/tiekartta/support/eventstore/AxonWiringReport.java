package fi.tiekartta.support.eventstore;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Says at start-up which storage engine, token store and transaction manager Axon actually got. A missing
 * JDBC piece falls back silently (a NoTransactionManager appends without transactions), so it must be
 * visible in the log.
 */
public class AxonWiringReport {

    private static final Logger log = LoggerFactory.getLogger(AxonWiringReport.class);

    private final ObjectProvider<EventStorageEngine> storageEngine;
    private final ObjectProvider<TokenStore> tokenStore;
    private final ObjectProvider<TransactionManager> transactionManager;

    public AxonWiringReport(ObjectProvider<EventStorageEngine> storageEngine,
                            ObjectProvider<TokenStore> tokenStore,
                            ObjectProvider<TransactionManager> transactionManager) {
        this.storageEngine = storageEngine;
        this.tokenStore = tokenStore;
        this.transactionManager = transactionManager;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void report() {
        log.info("Axon wiring: storage engine={}, token store={}, transaction manager={}",
                 describe(storageEngine), describe(tokenStore), describe(transactionManager));
    }

    private static String describe(ObjectProvider<?> provider) {
        Object bean = provider.getIfAvailable();
        return bean == null ? "none" : bean.getClass().getSimpleName();
    }
}
