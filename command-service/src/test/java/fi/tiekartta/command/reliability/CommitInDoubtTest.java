package fi.tiekartta.command.reliability;

import fi.tiekartta.command.CommandServiceTestBase;
import fi.tiekartta.command.append.AppendGroupStatement;
import fi.tiekartta.command.append.PendingAppend;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database goes away during COMMIT (PostgreSQL's "terminating connection due to administrator command",
 * 57P01): the change may have been recorded or not. Faults are injected into the commit of a request's
 * group commit (the one statement that writes and commits a group), once after the database made it durable and
 * once before. The client never gets a 500 nor a
 * false "nothing was recorded": it gets 503 with Retry-After and "outcome unknown", and a retry with the same
 * Idempotency-Key records the change exactly once.
 */
@Import(CommitInDoubtTest.FaultyCommits.class)
class CommitInDoubtTest extends CommandServiceTestBase {

    private static final String COORDINATOR = TestTokens.mint("koordinaattori", "COORDINATOR");
    private static final String CHANGE = "{\"status\":\"IN_PROGRESS\",\"progressPercent\":40,\"reason\":\"raportti\"}";
    private static final AtomicReference<Fault> NEXT_COMMIT = new AtomicReference<>();

    private enum Fault { DURABLE_THEN_CUT_OFF, CUT_OFF_BEFORE_DURABLE }

    private String project;

    @BeforeEach
    void aProject() {
        project = uniqueProjectId();
        Response registered = api.post("/api/projects", COORDINATOR, "{\"projectId\":\"" + project
                + "\",\"sector\":\"TEKNIIKKA\",\"title\":\"Kohde\",\"owner\":\"matti.m\"}");
        assertThat(registered.status()).isEqualTo(201);
    }

    @Test
    void aCommitCutOffBeforeItWasDurable_answers503OutcomeUnknown_andTheRetryWithTheSameKeyRecordsItOnce() {
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

        NEXT_COMMIT.set(Fault.CUT_OFF_BEFORE_DURABLE);
        Response inDoubt = api.post(changesPath(), COORDINATOR, CHANGE, key);
        assertOutcomeUnknown(inDoubt);
        assertThat(eventCount(project)).as("the change was not recorded").isEqualTo(1);

        Response retried = api.post(changesPath(), COORDINATOR, CHANGE, key);
        Response retriedAgain = api.post(changesPath(), COORDINATOR, CHANGE, key);

        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        assertThat(retriedAgain.status()).isEqualTo(201);
        assertThat(retriedAgain.header("Idempotent-Replayed")).contains("true");
        assertThat(retriedAgain.json()).isEqualTo(retried.json());
        assertThat(eventCount(project)).as("recorded once").isEqualTo(2);
    }

    @Test
    void aCommitCutOffAfterItWasDurable_givesTheFirstAnswer_andTheRetryWithTheSameKeyRecordsNothingMore() {
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

        NEXT_COMMIT.set(Fault.DURABLE_THEN_CUT_OFF);
        Response first = api.post(changesPath(), COORDINATOR, CHANGE, key);
        Response retried = api.post(changesPath(), COORDINATOR, CHANGE, key);

        // The key was committed with the events, and the database answers again: the answer is the stored one.
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.json()).isEqualTo(first.json());
        assertThat(eventCount(project)).as("recorded once").isEqualTo(2);
    }

    @Test
    void withoutAKey_aCommitInDoubt_isStill503OutcomeUnknown_neverA500() {
        NEXT_COMMIT.set(Fault.DURABLE_THEN_CUT_OFF);

        Response inDoubt = api.post(changesPath(), COORDINATOR, CHANGE);

        assertOutcomeUnknown(inDoubt);
        assertThat(eventCount(project)).as("it was recorded, which the client could not know").isEqualTo(2);
    }

    private static void assertOutcomeUnknown(Response answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.header("Retry-After")).isPresent();
        assertThat(answer.json().path("outcome").asText()).isEqualTo("unknown");
        assertThat(answer.json().path("detail").asText()).contains("Idempotency-Key");
        assertThat(NEXT_COMMIT.get()).as("the fault was used").isNull();
    }

    private String changesPath() {
        return "/api/projects/" + project + "/status-changes";
    }

    /**
     * Wraps the group commit's statement so that the next group fails as a lost connection does: after the database
     * made it durable (the statement ran and committed), or before (nothing was sent).
     */
    @TestConfiguration
    static class FaultyCommits {

        @Bean
        static BeanPostProcessor faultyGroupCommits() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof AppendGroupStatement real ? new Faulty(real) : bean;
                }
            };
        }
    }

    private record Faulty(AppendGroupStatement real) implements AppendGroupStatement {

        @Override
        public List<Refusal> write(Connection autocommit, List<PendingAppend> group) throws SQLException {
            Fault fault = NEXT_COMMIT.getAndSet(null);
            if (fault == null) {
                return real.write(autocommit, group);
            }
            if (fault == Fault.DURABLE_THEN_CUT_OFF) {
                real.write(autocommit, group);
            }
            throw new SQLException("FATAL: terminating connection due to administrator command", "57P01");
        }
    }
}
