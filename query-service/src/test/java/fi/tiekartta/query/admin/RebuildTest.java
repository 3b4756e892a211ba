package fi.tiekartta.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tiekartta.events.ProjectRegisteredEvent;
import fi.tiekartta.events.ProjectStatusChangedEvent;
import fi.tiekartta.events.ReportingRoundClosedEvent;
import fi.tiekartta.events.ReportingRoundOpenedEvent;
import fi.tiekartta.events.StatusChangeCorrectedEvent;
import fi.tiekartta.query.QueryServiceTestBase;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static fi.tiekartta.vocabulary.ProjectStatus.DONE;
import static fi.tiekartta.vocabulary.ProjectStatus.IN_PROGRESS;
import static fi.tiekartta.vocabulary.ProjectStatus.NOT_STARTED;
import static fi.tiekartta.vocabulary.ProjectStatus.POSTPONED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A rebuild from the event store gives the same answers as before it, and the read model in use answers meanwhile. */
class RebuildTest extends QueryServiceTestBase {

    private static final String ADMIN = TestTokens.mint("yllapito", "ADMIN");
    private static final LocalDate DAY = LocalDate.of(2022, 3, 1);
    private static final String ROUND = "kierros-" + UUID.randomUUID();

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private RebuildHold hold;

    @Test
    void aRebuild_givesTheSameAnswersAsBefore_andTheOldOnesMeanwhile() throws Exception {
        List<String> ids = scenario();
        Instant knownAt = Instant.now();
        Map<String, String> before = answers(ids, knownAt);
        List<String> schemaBefore = indexesAndConstraints();
        // A reminder sent is a fact, not a projection: a rebuild must not forget it (and so send it again).
        jdbc.update("INSERT INTO read_model.round_reminder (round_id, owner, kind, recipient, project_ids, claimed_at, sent_at) "
                    + "VALUES (?, 'matti.m', 'BEFORE_DUE', 'matti.m@heinola.example', ARRAY[?], now(), now())", ROUND, ids.get(0));
        before.put("round", api().get("/api/reporting-rounds/" + ROUND, managementToken()).body());

        Path held = Files.createDirectories(Path.of("target")).resolve("rebuild-hold-" + UUID.randomUUID());
        Files.createFile(held);
        hold.holdWhileExists(held);
        try {
            Response started = api().post("/api/admin/replay", ADMIN, "");
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            assertThat(started.json().get("state").asText()).isEqualTo("REBUILDING");
            assertThat(api().post("/api/admin/replay", ADMIN, "").status()).as("one rebuild at a time").isEqualTo(409);
            // Held after its tables are built, before the switch: everything answers from the read model in use.
            await().atMost(Duration.ofSeconds(30)).until(() -> builtRows() > 0);
            Map<String, String> during = answers(ids, knownAt);
            during.put("round", api().get("/api/reporting-rounds/" + ROUND, managementToken()).body());
            assertThat(during).isEqualTo(before);
            Response answer = api().get("/api/projects?asOf=" + DAY + "&knownAt=" + knownAt, managementToken());
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header(RebuildGate.REBUILD_HEADER)).contains("running");
            // The processor keeps the read model in use current meanwhile, and goes on from the snapshot after the switch.
            String late = newProjectId();
            append(late, 0, new ProjectRegisteredEvent(late, "reg", "TEKNIIKKA", "Myöhäinen", "matti.m", 2022, 2023, null, DAY),
                   "koordinaattori", null);
            await().atMost(Duration.ofSeconds(10)).until(() -> api().get("/api/projects/" + late, managementToken()).status() == 200);
            assertThat(api().get("/api/admin/replay", ADMIN).json().get("state").asText()).isEqualTo("REBUILDING");
            String later = newProjectId();
            ids.add(late);
            ids.add(later);
            Files.delete(held);
            append(later, 0, new ProjectRegisteredEvent(later, "reg", "TEKNIIKKA", "Myöhempi", "matti.m", 2022, 2023, null, DAY),
                   "koordinaattori", null);
        } finally {
            hold.holdWhileExists(null);
            Files.deleteIfExists(held);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> api().get("/api/admin/replay", ADMIN).json().get("state").asText().equals("IDLE"));
        for (String id : ids.subList(ids.size() - 2, ids.size())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> api().get("/api/projects/" + id, managementToken()).status() == 200);
        }
        Map<String, String> after = answers(ids.subList(0, ids.size() - 2), knownAt);
        after.put("round", api().get("/api/reporting-rounds/" + ROUND, managementToken()).body());
        assertThat(after).isEqualTo(before);
        assertThat(indexesAndConstraints()).as("the rebuilt tables have the migrations' indexes and constraints")
                                           .isEqualTo(schemaBefore).isEqualTo(MIGRATED_SCHEMA);
        assertThat(before.get("round")).contains("\"state\":\"CLOSED\"").contains("\"kind\":\"BEFORE_DUE\"")
                                       .contains("\"projectId\":\"" + ids.get(ids.size() - 3) + "\"");
        assertThat(api().get("/api/projects?asOf=" + DAY, managementToken()).header(RebuildGate.REBUILD_HEADER)).isEmpty();
        JsonNode progress = api().get("/api/admin/replay", ADMIN).json();
        JsonNode processor = progress.get("processors").get(0);
        assertThat(processor.get("processor").asText()).isEqualTo("project-views");
        assertThat(processor.get("eventsDone").asLong()).isEqualTo(processor.get("eventsTotal").asLong()).isPositive();
        // The retired tables are dropped just after the switch, once the lock is let go (the state says IDLE then).
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM pg_tables WHERE schemaname IN ('read_model_build', 'read_model_retired')", Long.class))
                .as("no build or retired tables left behind").isZero());
        for (String id : ids.subList(0, ids.size() - 2)) {
            List<String> stored = storedOrder(id);
            assertThat(stored).as("the rows of %s as stored: believed ones first, each part by the day it begins", id)
                              .isEqualTo(stored.stream().sorted().toList());
        }
    }

    /**
     * A project's view rows in the order the table stores them, each as "believed or closed, then the day it begins"
     * (which sorts as text as the rebuild orders them): a project's rows are always in one COPY chunk. The fold adds
     * them in another order (the row it closes before its successor).
     */
    private List<String> storedOrder(String projectId) {
        return jdbc.queryForList("SELECT CASE WHEN recorded_to IS NULL THEN 'believed ' ELSE 'closed ' END || valid_from"
                                 + " FROM read_model.project_view WHERE project_id = ? ORDER BY ctid", String.class, projectId);
    }

    /**
     * What the migrations make of the tables a rebuild replaces: every index and constraint, as
     * {@link #indexesAndConstraints} lists them. Other test classes rebuild the same database before this one may
     * run, so the state before this test's rebuild alone would not show what an earlier rebuild lost.
     */
    private static final List<String> MIGRATED_SCHEMA = List.of(
            "project_change_pkey: CREATE UNIQUE INDEX project_change_pkey ON read_model.project_change USING btree (project_id, sequence)",
            "project_head_pkey: CREATE UNIQUE INDEX project_head_pkey ON read_model.project_head USING btree (project_id)",
            "project_view_believed_days: CREATE INDEX project_view_believed_days ON read_model.project_view USING spgist (daterange(valid_from, valid_to))"
            + " INCLUDE (id, project_id, sector, status, valid_from, valid_to, recorded_from) WHERE (recorded_to IS NULL)",
            "project_view_closed: CREATE INDEX project_view_closed ON read_model.project_view USING btree (recorded_to)"
            + " INCLUDE (recorded_from, valid_from, valid_to, id, project_id, sector, status) WHERE (recorded_to IS NOT NULL)",
            "project_view_pkey: CREATE UNIQUE INDEX project_view_pkey ON read_model.project_view USING btree (id)",
            "project_view_project: CREATE UNIQUE INDEX project_view_project ON read_model.project_view USING btree"
            + " (project_id, valid_from, recorded_to) INCLUDE (status, recorded_from) NULLS NOT DISTINCT",
            "reporting_round_newest: CREATE INDEX reporting_round_newest ON read_model.reporting_round USING btree (opened_at DESC)",
            "reporting_round_pkey: CREATE UNIQUE INDEX reporting_round_pkey ON read_model.reporting_round USING btree (round_id)",
            "project_change project_change_pkey p: PRIMARY KEY (project_id, sequence)",
            "project_head project_head_pkey p: PRIMARY KEY (project_id)",
            "project_view project_view_believed_holds_state c: CHECK (((state IS NOT NULL) OR (recorded_to IS NOT NULL)))",
            "project_view project_view_check c: CHECK (((valid_to IS NULL) OR (valid_to > valid_from)))",
            "project_view project_view_check1 c: CHECK (((recorded_to IS NULL) OR (recorded_to > recorded_from)))",
            "project_view project_view_pkey p: PRIMARY KEY (id)",
            "project_view project_view_state_held_or_named c: CHECK (((state IS NULL) = (state_of IS NOT NULL)))",
            "reporting_round reporting_round_pkey p: PRIMARY KEY (round_id)");

    /** The indexes and constraints of the tables a rebuild replaces, each with its definition. */
    private List<String> indexesAndConstraints() {
        String[] tables = BulkBuild.TABLES.toArray(String[]::new);
        List<String> all = new ArrayList<>(jdbc.queryForList(
                "SELECT indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = 'read_model' AND tablename = ANY (?)"
                + " ORDER BY indexname", String.class, (Object) tables));
        all.addAll(jdbc.queryForList(
                "SELECT t.relname || ' ' || c.conname || ' ' || CAST(c.contype AS text) || ': ' || pg_get_constraintdef(c.oid)"
                + " FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace"
                + " WHERE n.nspname = 'read_model' AND t.relname = ANY (?) ORDER BY 1", String.class, (Object) tables));
        return all;
    }

    private long builtRows() {
        return jdbc.queryForObject("SELECT count(*) FROM pg_indexes WHERE schemaname = 'read_model_build'", Long.class);
    }

    @Test
    void rebuildsOneAfterAnother_eachBegunAsSoonAsTheLastSaysIdle_eachSwitchOver() {
        String id = newProjectId();
        append(id, 0, new ProjectRegisteredEvent(id, "reg", "HYVINVOINTI", "Peräkkäin", "matti.m", 2022, 2023, null, DAY),
               "koordinaattori", null);
        awaitProjectedVersion(id, 0);
        String before = api().get("/api/projects/" + id, managementToken()).body();
        Set<Long> viewTables = new HashSet<>(List.of(viewTable()));
        for (int i = 0; i < 3; i++) {
            // The next begins at once: the last one's retired tables may still be being dropped.
            rebuildReadModel();
            viewTables.add(viewTable());
        }
        assertThat(viewTables).as("the view table in use, before and after each rebuild").hasSize(4);
        assertThat(api().get("/api/projects/" + id, managementToken()).body()).isEqualTo(before);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM pg_tables WHERE schemaname IN ('read_model_build', 'read_model_retired')", Long.class))
                .as("no build or retired tables left behind").isZero());
    }

    private long viewTable() {
        return jdbc.queryForObject("SELECT pg_relation_filenode('read_model.project_view')", Long.class);
    }

    @Test
    void onlyAdminsRebuild() {
        assertThat(api().post("/api/admin/replay", managementToken(), "").status()).isEqualTo(403);
        assertThat(api().get("/api/admin/replay", managementToken()).status()).isEqualTo(403);
    }

    /** Every answer the read models give about these projects: lists on several days, views, histories. */
    private Map<String, String> answers(List<String> ids, Instant knownAt) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (LocalDate day : List.of(DAY.minusDays(1), DAY, DAY.plusMonths(2), DAY.plusYears(1))) {
            answers.put("list " + day, api().get("/api/projects?asOf=" + day + "&knownAt=" + knownAt, managementToken()).body());
            for (String id : ids) {
                Response view = api().get("/api/projects/" + id + "?asOf=" + day + "&knownAt=" + knownAt, managementToken());
                // a 404 carries the request's own correlation id: only its status is the answer
                answers.put(id + " " + day, view.status() == 200
                        ? view.header("ETag").orElseThrow() + " " + view.body() : Integer.toString(view.status()));
            }
        }
        ids.forEach(id -> answers.put(id + " history", api().get("/api/projects/" + id + "/history", managementToken()).body()));
        return answers;
    }

    private List<String> scenario() throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = newProjectId();
            ids.add(id);
            append(id, 0, new ProjectRegisteredEvent(id, "reg", "HYVINVOINTI", "Hanke " + i, "matti.m", 2022, 2023, null, DAY),
                   "koordinaattori", null);
            // A note and a reason with JSON's escapes in the stored event (quotes, a line break, backslashes): the
            // rebuild reads the payload and metadata as they were written.
            append(id, 1, new ProjectStatusChangedEvent(id, "c1", IN_PROGRESS, NOT_STARTED, DAY.plusMonths(3), 20 * i,
                                                        null, null, null, "\"Digi\" alkoi\nC:\\jako\\101"),
                   "matti.m", "alkoi \"ajallaan\" \\ kyllä");
            append(id, 2, new ProjectStatusChangedEvent(id, "c2", DONE, IN_PROGRESS, DAY.plusDays(10), null, null, null,
                                                        "VAKA", null), "matti.m", null);
            append(id, 3, new StatusChangeCorrectedEvent(id, "f1", "c1", POSTPONED, DAY.plusMonths(1), null, 2024, null,
                                                         null, null), "koordinaattori", "korjaus");
        }
        // A round covering a project still open, which reports while the round is open.
        String inRound = newProjectId();
        ids.add(inRound);
        append(inRound, 0, new ProjectRegisteredEvent(inRound, "reg", "HYVINVOINTI", "Kierroksen hanke", "matti.m", 2022, 2023,
                                                      null, DAY), "koordinaattori", null);
        Thread.sleep(5);
        appendTo("ReportingRound", ROUND, 0, new ReportingRoundOpenedEvent(ROUND, "Kevät 2022", DAY.plusMonths(2),
                                                                           DAY.plusMonths(3)), "koordinaattori", null);
        Thread.sleep(5);
        append(inRound, 1, new ProjectStatusChangedEvent(inRound, "c1", IN_PROGRESS, NOT_STARTED, DAY.plusMonths(2), null,
                                                         null, null, null, null), "matti.m", null);
        append(inRound, 2, new ProjectStatusChangedEvent(inRound, "c2", IN_PROGRESS, IN_PROGRESS, DAY.plusMonths(2), 50,
                                                         null, null, null, null), "matti.m", null);
        append(inRound, 3, new ProjectStatusChangedEvent(inRound, "c3", IN_PROGRESS, IN_PROGRESS, DAY.plusMonths(2), 60,
                                                         null, null, null, null), "matti.m", null);
        Thread.sleep(5);
        appendTo("ReportingRound", ROUND, 1, new ReportingRoundClosedEvent(ROUND), "koordinaattori", null);
        String last = ids.get(ids.size() - 1);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                api().get("/api/projects/" + last + "/history", managementToken()).json().path("changes").size() == 4
                && api().get("/api/reporting-rounds/" + ROUND, managementToken()).json().path("state").asText().equals("CLOSED"));
        Thread.sleep(5);
        return ids;
    }
}
