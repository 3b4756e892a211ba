package fi.tiekartta.command.append;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.axonframework.serialization.Serializer;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * The command-service's write path: Axon's aggregates and command handling as they are, with the append and the
 * commit replaced by a queue to one group-commit thread (docs/ARCHITECTURE.md, docs/RELIABILITY.md).
 */
@Configuration(proxyBeanMethods = false)
public class GroupCommitConfiguration {

    @Bean
    public StreamHeads streamHeads(JdbcTemplate jdbc, @Value("${tiekartta.aggregate-cache.size:10000}") int size) {
        return new StreamHeads(jdbc, size);
    }

    @Bean
    public AppendGroupStatement appendGroupStatement() {
        return new AppendGroupFunction();
    }

    @Bean(destroyMethod = "close")
    public GroupAppender groupAppender(DataSource dataSource, AppendGroupStatement statement, StreamHeads heads,
                                       @Value("${tiekartta.group-commit.max-commands:500}") int maxGroup,
                                       MeterRegistry meters) {
        return new GroupAppender(dataSource, statement, heads, maxGroup, meters);
    }

    /** Axon's transaction manager: the command bus and {@code IdempotentExecution} commit through it. */
    @Bean
    public TransactionManager axonTransactionManager(GroupAppender appender,
                                                     @Value("${tiekartta.group-commit.max-wait:30s}") Duration maxWait) {
        return new GroupCommitTransactionManager(appender, maxWait);
    }

    /** What Axon's event store appends through; reads go to the JDBC engine of {@code EventStoreConfiguration}. */
    @Bean
    @Primary
    public EventStorageEngine groupCommitStorageEngine(@Qualifier("eventStorageEngine") EventStorageEngine jdbcEngine,
                                                       @Qualifier("eventSerializer") Serializer eventSerializer,
                                                       StreamHeads heads, @Lazy TransactionManager transactions) {
        return new GroupCommitStorageEngine(jdbcEngine, eventSerializer, heads, transactions);
    }
}
