package fi.tiekartta.query.projects;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tiekartta.events.ProjectRegisteredEvent;
import fi.tiekartta.events.ProjectStatusChangedEvent;
import fi.tiekartta.query.QueryServiceTestBase;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static fi.tiekartta.vocabulary.ProjectStatus.DONE;
import static fi.tiekartta.vocabulary.ProjectStatus.IN_PROGRESS;
import static fi.tiekartta.vocabulary.ProjectStatus.NOT_STARTED;
import static fi.tiekartta.vocabulary.ProjectStatus.POSTPONED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The project views and history, projected from a real event store on PostgreSQL and read over HTTP. */
class ProjectViewsTest extends QueryServiceTestBase {

    private static final LocalDate REGISTERED_ON = LocalDate.of(2023, 1, 2);

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void aRegisteredProject_isShownNotStarted_withVersionZero() {
        String id = newProjectId();
        append(id, 0, registration(id), "koordinaattori", null);

        Response response = awaitProjectedVersion(id, 0);

        JsonNode view = response.json();
        assertThat(view.get("status").asText()).isEqualTo("NOT_STARTED");
        assertThat(view.get("statusLabel").asText()).isEqualTo("EI ALOITETTU");
        assertThat(view.get("sector").asText()).isEqualTo("TEKNIIKKA");
        assertThat(view.get("owner").asText()).isEqualTo("matti.m");
        assertThat(view.get("effectiveDate").asText()).isEqualTo("2023-01-02");
        assertThat(response.header("ETag")).contains("\"0\"");
    }

    @Test
    void aStatusChange_showsInTheView_andInTheHistory_withActorAndReason() {
        String id = newProjectId();
        append(id, 0, registration(id), "koordinaattori", null);
        append(id, 1, new ProjectStatusChangedEvent(id, "change-1", IN_PROGRESS, NOT_STARTED, REGISTERED_ON.plusDays(5),
                                                    60, null, null, null, "60 % TEHTY"), "matti.m", "puolet vaihdettu");

        JsonNode view = awaitProjectedVersion(id, 1).json();
        assertThat(view.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(view.get("progressPercent").asInt()).isEqualTo(60);
        assertThat(view.get("note").asText()).isEqualTo("60 % TEHTY");

        JsonNode history = api().get("/api/projects/" + id + "/history", managementToken()).json();
        JsonNode change = history.get("changes").get(1);
        assertThat(history.get("changes")).hasSize(2);
        assertThat(history.get("changes").get(0).get("type").asText()).isEqualTo("REGISTERED");
        assertThat(change.get("type").asText()).isEqualTo("STATUS_CHANGED");
        assertThat(change.get("changeId").asText()).isEqualTo("change-1");
        assertThat(change.get("actor").asText()).isEqualTo("matti.m");
        assertThat(change.get("reason").asText()).isEqualTo("puolet vaihdettu");
        assertThat(change.get("effectiveDate").asText()).isEqualTo("2023-01-07");
        assertThat(change.get("sequence").asLong()).isEqualTo(1);
        assertThat(Instant.parse(change.get("recordedAt").asText())).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void aBackdatedChange_movesAnswersForEarlierDays_butNotWhatWasKnownBefore() throws InterruptedException {
        String id = newProjectId();
        append(id, 0, registration(id), "koordinaattori", null);
        append(id, 1, new ProjectStatusChangedEvent(id, "c1", DONE, NOT_STARTED, LocalDate.of(2023, 6, 1),
                                                    null, null, null, null, null), "matti.m", null);
        awaitProjectedVersion(id, 1);
        Instant beforeTheLateReport = Instant.now();
        Thread.sleep(5); // the event store records time in milliseconds: keep the late report out of this one

        append(id, 2, new ProjectStatusChangedEvent(id, "c2", IN_PROGRESS, NOT_STARTED, LocalDate.of(2023, 3, 1),
                                                    null, null, null, null, "myöhässä raportoitu"), "matti.m", null);
        awaitProjectedVersion(id, 2);

        assertThat(statusOf(id, "asOf=2023-04-01")).isEqualTo("IN_PROGRESS");
        assertThat(statusOf(id, "asOf=2023-07-01")).isEqualTo("DONE");
        assertThat(statusOf(id, "asOf=2023-04-01&knownAt=" + beforeTheLateReport)).isEqualTo("NOT_STARTED");
        JsonNode before = api().get("/api/projects/" + id + "?asOf=2023-04-01&knownAt=" + beforeTheLateReport,
                                    managementToken()).json();
        assertThat(before.get("version").asLong()).as("the version as it was known then").isEqualTo(1);
    }

    @Test
    void aProjectNotInMemory_takesAReportOfNow_fromItsLastRow_andABackdatedChange_fromItsWholeHistory()
            throws InterruptedException {
        String id = newProjectId();
        append(id, 0, registration(id), "koordinaattori", null);
        append(id, 1, new ProjectStatusChangedEvent(id, "c1", IN_PROGRESS, NOT_STARTED, LocalDate.of(2023, 3, 1),
                                                    40, null, null, null, null), "matti.m", null);
        awaitProjectedVersion(id, 1);
        ProjectViewTable.StoredTail tail = views.tailsOf(List.of(id, "NO-SUCH-PROJECT")).get(id);
        assertThat(tail.version()).isEqualTo(1);
        assertThat(tail.lastBelieved().segment().validFrom()).isEqualTo(LocalDate.of(2023, 3, 1));
        assertThat(tail.lastBelieved().segment().validTo()).isNull();
        assertThat(tail.lastBelieved().segment().state().progressPercent()).isEqualTo(40);
        assertThat(tail.lastBelieved().recordedFrom()).isEqualTo(tail.versionRecordedAt()).isEqualTo(tail.lastRecordedAt());
        assertThat(views.tailsOf(List.of("NO-SUCH-PROJECT"))).isEmpty();
        Instant beforeTheReport = Instant.now();
        Thread.sleep(5); // the event store records time in milliseconds: keep the report out of this one
        writer.forgetAll(); // as after a restart, or when another instance projected the project last
        double tails = projectsRead("tail");

        append(id, 2, new ProjectStatusChangedEvent(id, "c2", IN_PROGRESS, IN_PROGRESS, LocalDate.of(2023, 6, 1),
                                                    80, null, null, null, "80 % TEHTY"), "matti.m", null);
        awaitProjectedVersion(id, 2);

        assertThat(projectsRead("tail")).as("read as its tail").isGreaterThanOrEqualTo(tails + 1);
        assertThat(believedRows(id)).containsExactly("2023-01-02..2023-03-01 NOT_STARTED null",
                                                     "2023-03-01..2023-06-01 IN_PROGRESS 40",
                                                     "2023-06-01.. IN_PROGRESS 80");
        assertThat(progressOf(id, "asOf=2023-07-01")).isEqualTo(80);
        assertThat(progressOf(id, "asOf=2023-07-01&knownAt=" + beforeTheReport)).as("the closed row").isEqualTo(40);

        // Still held, as its tail: a backdated change needs the whole project.
        double whole = projectsRead("whole");
        append(id, 3, new ProjectStatusChangedEvent(id, "c3", DONE, IN_PROGRESS, LocalDate.of(2023, 4, 1),
                                                    null, null, null, null, null), "matti.m", "myöhässä");
        awaitProjectedVersion(id, 3);

        assertThat(projectsRead("whole")).as("a backdated change: read whole").isGreaterThanOrEqualTo(whole + 1);
        assertThat(believedRows(id)).containsExactly("2023-01-02..2023-03-01 NOT_STARTED null",
                                                     "2023-03-01..2023-04-01 IN_PROGRESS 40",
                                                     "2023-04-01..2023-06-01 DONE null",
                                                     "2023-06-01.. IN_PROGRESS 80");
    }

    @Test
    void aProject_isNotOnTheRoadmap_beforeItsRegistrationDay() {
        String id = newProjectId();
        append(id, 0, registration(id), "koordinaattori", null);
        awaitProjectedVersion(id, 0);

        Response response = api().get("/api/projects/" + id + "?asOf=2023-01-01", managementToken());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theList_filtersBySectorAndStatus_andSaysWhichDayAndKnowledgeItUsed() {
        String id = newProjectId();
        append(id, 0, registration(id), "koordinaattori", null);
        append(id, 1, new ProjectStatusChangedEvent(id, "c1", POSTPONED, NOT_STARTED, REGISTERED_ON, null, 2025,
                                                    null, null, null), "matti.m", null);
        awaitProjectedVersion(id, 1);

        JsonNode list = api().get("/api/projects?sector=TEKNIIKKA&status=POSTPONED&asOf=2024-01-01", managementToken()).json();

        assertThat(list.get("asOf").asText()).isEqualTo("2024-01-01");
        assertThat(list.get("knownAt").asText()).isNotBlank();
        assertThat(list.get("projects").findValuesAsText("projectId")).contains(id);
        // Each project's own status: findValuesAsText would also collect its units' statuses, which may differ.
        List<String> statuses = new ArrayList<>();
        list.get("projects").forEach(project -> statuses.add(project.path("status").asText()));
        assertThat(statuses).containsOnly("POSTPONED");
        JsonNode other = api().get("/api/projects?sector=ELINVOIMA&asOf=2024-01-01", managementToken()).json();
        assertThat(other.get("projects").findValuesAsText("projectId")).doesNotContain(id);
    }

    @Test
    void anEventDeliveredTwice_isAppliedOnce() {
        String id = newProjectId();
        append(id, 0, registration(id), "koordinaattori", null);
        awaitProjectedVersion(id, 0);
        Integer rowsBefore = jdbc.queryForObject("SELECT count(*) FROM read_model.project_view WHERE project_id = ?",
                                                 Integer.class, id);

        new org.springframework.transaction.support.TransactionTemplate(
                new org.springframework.jdbc.datasource.DataSourceTransactionManager(jdbc.getDataSource()))
                .executeWithoutResult(tx -> projection.on(registration(id), redelivered(id)));

        assertThat(jdbc.queryForObject("SELECT count(*) FROM read_model.project_change WHERE project_id = ?",
                                       Integer.class, id)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM read_model.project_view WHERE project_id = ?",
                                       Integer.class, id)).isEqualTo(rowsBefore);
    }

    @Test
    void theDatabase_refusesASecondBelievedRow_orASecondRowClosedAtTheSameInstant_forTheSameProjectAndDay() {
        String id = newProjectId();
        append(id, 0, registration(id), "koordinaattori", null);
        awaitProjectedVersion(id, 0);
        String copyBelievedRow = "INSERT INTO read_model.project_view "
                                 + "(project_id, valid_from, valid_to, recorded_from, recorded_to, sector, status, state, title,"
                                 + " planned_end_year, target_year) "
                                 + "SELECT project_id, valid_from, valid_to, recorded_from + interval '1 second', %s, sector, status, state,"
                                 + " title, planned_end_year, target_year "
                                 + "FROM read_model.project_view WHERE project_id = ? AND recorded_to IS NULL";

        assertThatThrownBy(() -> jdbc.update(copyBelievedRow.formatted("NULL"), id))
                .isInstanceOf(DuplicateKeyException.class);
        String closedTwoSecondsLater = copyBelievedRow.formatted("recorded_from + interval '2 seconds'");
        assertThat(jdbc.update(closedTwoSecondsLater, id))
                .as("a closed row of the same day is history, not a second belief").isEqualTo(1);
        assertThatThrownBy(() -> jdbc.update(closedTwoSecondsLater, id))
                .as("a second row of the same day closed at the same instant")
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void badQueries_areAnswered400_namingTheParameter() {
        Response badDate = api().get("/api/projects?asOf=2023-02-30", managementToken());
        Response badInstant = api().get("/api/projects?knownAt=yesterday", managementToken());
        Response badStatus = api().get("/api/projects?status=FINISHED", managementToken());
        Response badSector = api().get("/api/projects?sector=MARS", managementToken());

        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.json().get("errors").get(0).get("field").asText()).isEqualTo("asOf");
        assertThat(badInstant.json().get("errors").get(0).get("field").asText()).isEqualTo("knownAt");
        assertThat(badStatus.json().get("errors").get(0).get("field").asText()).isEqualTo("status");
        assertThat(badSector.json().get("errors").get(0).get("field").asText()).isEqualTo("sector");
        assertThat(badSector.contentType()).startsWith("application/problem+json");
    }

    @Test
    void readingNeedsAToken() {
        Response response = api().get("/api/projects", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void anUnknownProjectsHistory_is404() {
        Response response = api().get("/api/projects/NO-SUCH/history", TestTokens.mint("tarkastaja", "AUDITOR"));

        assertThat(response.status()).isEqualTo(404);
    }

    @Autowired
    private ProjectProjection projection;
    @Autowired
    private ProjectionWriter writer;
    @Autowired
    private ProjectViewTable views;
    @Autowired
    private io.micrometer.core.instrument.MeterRegistry meters;

    private double projectsRead(String as) {
        return meters.get("tiekartta.projection.projects.read").tag("as", as).counter().count();
    }

    /** The rows believed now, in valid-time order: "from..to status progress". */
    private List<String> believedRows(String id) {
        return jdbc.queryForList("SELECT valid_from || '..' || COALESCE(valid_to::text, '') || ' ' || status || ' '"
                                 + " || COALESCE(CAST(state AS json)->>'progressPercent', 'null') FROM read_model.project_view"
                                 + " WHERE project_id = ? AND recorded_to IS NULL ORDER BY valid_from", String.class, id);
    }

    private int progressOf(String id, String query) {
        return api().get("/api/projects/" + id + "?" + query, managementToken()).json().get("progressPercent").asInt();
    }

    private static org.axonframework.eventhandling.DomainEventMessage<ProjectRegisteredEvent> redelivered(String id) {
        return new org.axonframework.eventhandling.GenericDomainEventMessage<>("Project", id, 0, registration(id));
    }

    private String statusOf(String id, String query) {
        return api().get("/api/projects/" + id + "?" + query, managementToken()).json().get("status").asText();
    }

    private static ProjectRegisteredEvent registration(String id) {
        return new ProjectRegisteredEvent(id, "reg-" + id, "TEKNIIKKA", "Vesimittareiden vaihto etäluettaviksi",
                                          "matti.m", 2022, 2025, null, REGISTERED_ON);
    }
}
