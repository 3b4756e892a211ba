package fi.tiekartta.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tiekartta.events.ProjectDetailsRevisedEvent;
import fi.tiekartta.events.ProjectOwnerAssignedEvent;
import fi.tiekartta.events.ProjectRegisteredEvent;
import fi.tiekartta.events.ProjectStatusChangedEvent;
import fi.tiekartta.events.StatusChangeCorrectedEvent;
import fi.tiekartta.events.StatusChangeRetractedEvent;
import fi.tiekartta.query.QueryServiceTestBase;
import fi.tiekartta.support.eventstore.EventStoreTables;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static fi.tiekartta.vocabulary.ProjectStatus.DONE;
import static fi.tiekartta.vocabulary.ProjectStatus.IN_PROGRESS;
import static fi.tiekartta.vocabulary.ProjectStatus.NOT_STARTED;
import static fi.tiekartta.vocabulary.ProjectStatus.POSTPONED;
import static fi.tiekartta.vocabulary.ProjectStatus.WAITING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Helpers of the audit tests: an auditor's token, a project history with every kind of event, and tampering
 * with the store the way a database administrator could, always undone afterwards (the store is shared by
 * every test of this JVM, and the others expect it to verify).
 */
abstract class AuditTestBase extends QueryServiceTestBase {

    protected static final String AUDITOR = TestTokens.mint("tarkastaja", "AUDITOR");
    protected static final LocalDate REGISTERED_ON = LocalDate.of(2023, 1, 2);

    @Autowired
    protected JdbcTemplate jdbc;

    /** Appends {@code count} (at most 9) events of every kind to a new project, each recorded in its own millisecond. */
    protected String projectWithHistory(int count) {
        String id = newProjectId();
        List<Runnable> steps = List.of(
                () -> append(id, 0, new ProjectRegisteredEvent(id, "reg", "TEKNIIKKA", "Vesimittareiden vaihto", "matti.m",
                                                               2022, 2025, "etäluettaviksi", REGISTERED_ON),
                             "koordinaattori", null),
                () -> append(id, 1, new ProjectStatusChangedEvent(id, "c1", IN_PROGRESS, NOT_STARTED, LocalDate.of(2023, 3, 1),
                                                                  40, null, null, null, "40 % TEHTY"), "matti.m", "alkoi"),
                () -> append(id, 2, new ProjectStatusChangedEvent(id, "c2", DONE, NOT_STARTED, LocalDate.of(2023, 5, 1),
                                                                  null, null, null, "KOULUT", null), "matti.m", null),
                () -> append(id, 3, new StatusChangeCorrectedEvent(id, "f1", "c1", IN_PROGRESS, LocalDate.of(2023, 2, 1),
                                                                   50, null, null, null, "50 % TEHTY"),
                             "koordinaattori", "päivä ja luku väärin"),
                () -> append(id, 4, new ProjectOwnerAssignedEvent(id, "o1", "liisa.l", "matti.m", LocalDate.of(2023, 6, 1)),
                             "koordinaattori", "vastuu siirtyi"),
                () -> append(id, 5, new ProjectDetailsRevisedEvent(id, "d1", "Vesimittarit etäluettaviksi", "kaikki",
                                                                   2022, 2026, LocalDate.of(2023, 7, 1)),
                             "koordinaattori", "aikataulu venyi"),
                () -> append(id, 6, new ProjectStatusChangedEvent(id, "c3", WAITING, IN_PROGRESS, LocalDate.of(2023, 8, 1),
                                                                  null, null, null, null, "toimittaja"), "liisa.l", null),
                () -> append(id, 7, new StatusChangeRetractedEvent(id, "r1", "c3"), "koordinaattori", "väärä hanke"),
                () -> append(id, 8, new ProjectStatusChangedEvent(id, "c4", POSTPONED, IN_PROGRESS, LocalDate.of(2023, 9, 1),
                                                                  null, 2025, null, null, "SIIRTYY V. 2025"),
                             "liisa.l", "rahoitus"));
        for (int i = 0; i < count; i++) {
            steps.get(i).run();
            pause();
        }
        return id;
    }

    /** Waits until the read model has projected the project's events up to {@code lastSequence}. */
    protected void awaitProjected(String id, long lastSequence) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).until(() -> {
            Response history = api().get("/api/projects/" + id + "/history", managementToken());
            return history.status() == 200 && history.json().get("changes").size() == lastSequence + 1;
        });
    }

    protected Response audit(String pathAndQuery) {
        return api().get(pathAndQuery, AUDITOR);
    }

    protected JsonNode verify(String query) {
        Response response = audit("/api/audit/verify" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** The sequences a verification names problems at, for one project. */
    protected static List<Long> problemSequences(JsonNode report, String projectId) {
        List<Long> sequences = new ArrayList<>();
        report.get("problems").forEach(p -> {
            if (p.get("projectId").asText().equals(projectId)) {
                sequences.add(p.get("sequence").asLong());
            }
        });
        return sequences;
    }

    protected static List<String> problemTexts(JsonNode report, String projectId, long sequence) {
        List<String> texts = new ArrayList<>();
        report.get("problems").forEach(p -> {
            if (p.get("projectId").asText().equals(projectId) && p.get("sequence").asLong() == sequence) {
                texts.add(p.get("problem").asText());
            }
        });
        return texts;
    }

    /** Runs SQL against the store; whatever it changes in the project's stream is put back on close. */
    protected Tampering tamper(String projectId) {
        return new Tampering(projectId);
    }

    protected final class Tampering implements AutoCloseable {

        private final String projectId;
        private final List<Map<String, Object>> original;
        private final List<Map<String, Object>> originalHead;

        private Tampering(String projectId) {
            this.projectId = projectId;
            this.original = jdbc.queryForList("SELECT * FROM " + EventStoreTables.DOMAIN_EVENTS
                                              + " WHERE aggregate_identifier = ? ORDER BY global_index", projectId);
            this.originalHead = jdbc.queryForList("SELECT * FROM " + EventStoreTables.STREAM_HEADS
                                                  + " WHERE aggregate_identifier = ?", projectId);
        }

        public Tampering sql(String sql, Object... args) {
            jdbc.update(sql, args);
            return this;
        }

        @Override
        public void close() {
            jdbc.update("DELETE FROM " + EventStoreTables.DOMAIN_EVENTS + " WHERE aggregate_identifier = ?", projectId);
            original.forEach(row -> insert(EventStoreTables.DOMAIN_EVENTS, row));
            // The head an added event moved, or one edited directly, goes back to what it was.
            jdbc.update("DELETE FROM " + EventStoreTables.STREAM_HEADS + " WHERE aggregate_identifier = ?", projectId);
            originalHead.forEach(row -> insert(EventStoreTables.STREAM_HEADS, row));
        }

        private void insert(String table, Map<String, Object> row) {
            List<String> columns = new ArrayList<>(row.keySet());
            jdbc.update("INSERT INTO " + table + " (" + String.join(", ", columns)
                        + ") VALUES (" + String.join(", ", columns.stream().map(c -> "?").toList()) + ")",
                        columns.stream().map(row::get).toArray());
        }
    }

    /** Recorded times are milliseconds: keeps each event's recording time its own. */
    protected static void pause() {
        try {
            Thread.sleep(3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
