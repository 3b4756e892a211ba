package fi.tiekartta.query.roadmap;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tiekartta.query.projects.ProjectState;
import fi.tiekartta.query.projects.RandomStates;
import fi.tiekartta.query.projects.StoredView;
import fi.tiekartta.query.projects.ViewJson;
import fi.tiekartta.support.eventstore.EventJson;
import fi.tiekartta.vocabulary.ProjectStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The roadmap's JSON, written from kept sector bytes, is byte for byte what Jackson writes for the answer. */
class RoadmapJsonTest extends RoadmapTestBase {

    @Autowired
    private RoadmapJson roadmapJson;
    @Autowired
    private RoadmapAnswers answers;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void theKeptSectorBytes_giveWhatJacksonWrites_forEveryInstantTheAnswerIsAskedAt() throws Exception {
        String id = register("TEKNIIKKA", LocalDate.of(2038, 1, 2), 2040, "Hanke \"lainausmerkein\" ja ääkkösin");
        Instant known = knownNow(id);

        Roadmap first = answers.at(LocalDate.of(2038, 3, 1), KnownAt.normalise(known));
        Roadmap later = answers.at(LocalDate.of(2038, 3, 1), KnownAt.normalise(Instant.now()));

        assertThat(roadmapJson.bytes(first)).isEqualTo(json.writeValueAsBytes(first));
        assertThat(roadmapJson.bytes(later)).isEqualTo(json.writeValueAsBytes(later));
        assertThat(roadmapJson.bytes(first)).isEqualTo(json.writeValueAsBytes(first));
    }

    @Test
    void anAnswerIsKeptFromItsSecondAsk_andItsBytesFromTheirSecondWriting_alwaysWhatJacksonWrites() throws Exception {
        String id = register("TEKNIIKKA", LocalDate.of(2038, 1, 2), 2040, "Kolmesti kysytty");
        Instant known = KnownAt.normalise(knownNow(id));
        LocalDate day = LocalDate.of(2038, 4, 1);

        Roadmap once = answers.at(day, known);
        Roadmap twice = answers.at(day, known);
        Roadmap thrice = answers.at(day, known);

        assertThat(twice.sectors()).as("asked once: answered, not kept").isNotSameAs(once.sectors());
        assertThat(thrice.sectors()).as("asked again: kept").isSameAs(twice.sectors());
        byte[] jackson = json.writeValueAsBytes(thrice);
        for (int writing = 1; writing <= 3; writing++) { // written straight, then kept, then from what was kept
            assertThat(roadmapJson.bytes(thrice)).as("writing %d", writing).isEqualTo(jackson);
        }
    }

    @Test
    void aPagesJson_isWhatJacksonWrites_withItsNextCursor_andTheLastPageWithout() throws Exception {
        String id = register("ELINVOIMA", LocalDate.of(2038, 1, 2), 2040, "Sivu \"lainausmerkein\"");
        String other = register("ELINVOIMA", LocalDate.of(2038, 1, 2), 2040);
        Instant known = KnownAt.normalise(knownNow(id, other));

        Roadmap first = answers.page(LocalDate.of(2038, 3, 1), known, null, null, null, 1);
        Roadmap last = answers.page(LocalDate.of(2038, 3, 1), known, "ELINVOIMA", null, null, 1000);

        assertThat(first.nextCursor()).isNotNull();
        assertThat(last.nextCursor()).isNull();
        assertThat(roadmapJson.bytes(first)).isEqualTo(json.writeValueAsBytes(first));
        assertThat(roadmapJson.bytes(last)).isEqualTo(json.writeValueAsBytes(last));
        assertThat(new String(roadmapJson.bytes(first), StandardCharsets.UTF_8)).endsWith("\"nextCursor\":\"" + first.nextCursor() + "\"}");
    }

    @Test
    void projectsWrittenAsStored_areWhatJacksonWritesForTheirViews_withNullsUnitsAndAwkwardText() throws Exception {
        StoredView bare = stored(new ProjectState("KH-1", "KAUPUNKI", "Nimi", null, null, null, null, ProjectStatus.NOT_STARTED,
                                                  null, null, null, null, LocalDate.of(2024, 2, 29), List.of()),
                                 0, Instant.parse("2024-03-01T10:00:00Z"));
        StoredView full = stored(new ProjectState("TE-10", "TUNTEMATON", "\"Lainaus\" \\ tab\t rivi\n \u0001 \u2028 ääkköset 😀 </script>",
                                                  "omistaja", 2022, 2031, "kuvaus\r\n", ProjectStatus.IN_PROGRESS, 55, 2030,
                                                  "2025/Q3", "huom \u007f", LocalDate.of(10000, 1, 1),
                                                  List.of(new ProjectState.UnitState("VAKA", ProjectStatus.DONE, 100, 2024, LocalDate.of(2023, 12, 31)),
                                                          new ProjectState.UnitState("KOULUT", ProjectStatus.WAITING, null, null, null))),
                                 Long.MAX_VALUE, Instant.parse("2025-07-01T23:59:59.123456789Z"));
        Roadmap roadmap = new Roadmap(LocalDate.of(2040, 1, 1), Instant.parse("2040-01-01T00:00:00.001Z"),
                                      StatusCounts.of(List.of(ProjectStatus.NOT_STARTED, ProjectStatus.IN_PROGRESS)),
                                      List.of(new Roadmap.SectorRoadmap("KAUPUNKI", "Kaupunki", StatusCounts.of(List.of(ProjectStatus.NOT_STARTED)), List.of(bare)),
                                              new Roadmap.SectorRoadmap("TYHJÄ", "Ei hankkeita", StatusCounts.of(List.of()), List.of()),
                                              new Roadmap.SectorRoadmap("TUNTEMATON", "TUNTEMATON", StatusCounts.of(List.of(ProjectStatus.IN_PROGRESS)),
                                                                        List.of(full, bare))),
                                      "seuraava");

        assertThat(new String(roadmapJson.bytes(roadmap), StandardCharsets.UTF_8))
                .isEqualTo(new String(json.writeValueAsBytes(roadmap), StandardCharsets.UTF_8));
    }

    @Test
    void anyStateWrittenAsStored_isWhatJacksonWritesForItsView() throws Exception {
        Random random = new Random(5);
        List<StoredView> projects = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            ProjectState state = RandomStates.state(random);
            if (state.status() != null) { // every project has one; the view's label is the status's
                projects.add(stored(state, random.nextInt(1000), Instant.ofEpochSecond(random.nextInt(), random.nextInt(1_000_000_000))));
            }
        }
        Roadmap roadmap = new Roadmap(LocalDate.of(2040, 1, 1), Instant.parse("2040-01-01T00:00:00Z"), StatusCounts.of(List.of()),
                                      List.of(new Roadmap.SectorRoadmap("KAIKKI", "Kaikki", StatusCounts.of(List.of()), projects)));

        assertThat(new String(roadmapJson.bytes(roadmap), StandardCharsets.UTF_8))
                .isEqualTo(new String(json.writeValueAsBytes(roadmap), StandardCharsets.UTF_8));
    }

    @Test
    void rowsStoredInTheFormsBefore_answerTheSameBytes() throws Exception {
        String id = register("TEKNIIKKA", LocalDate.of(2038, 1, 2), 2040, "Vanhaan tapaan \"tallennettu\"");
        String other = register("TEKNIIKKA", LocalDate.of(2038, 1, 2), 2040);
        Instant known = KnownAt.normalise(knownNow(id, other));
        LocalDate day = LocalDate.of(2038, 5, 1);
        byte[] asStoredNow = roadmapJson.bytes(answers.at(day, known));

        // As the projection stored them before: Jackson leaving nulls out (V10 on); and jsonb's order, with its spaces.
        Map<Long, ProjectState> rows = new HashMap<>();
        jdbc.query("SELECT id, state FROM read_model.project_view WHERE project_id = ?",
                   (ResultSet row) -> { rows.put(row.getLong(1), ViewJson.read(row.getBytes(2))); }, id);
        for (Map.Entry<Long, ProjectState> row : rows.entrySet()) {
            jdbc.update("UPDATE read_model.project_view SET state = ? WHERE id = ?",
                        EventJson.newObjectMapper().writeValueAsString(row.getValue()), row.getKey());
        }
        jdbc.update("UPDATE read_model.project_view SET state = CAST(jsonb_strip_nulls(CAST(state AS jsonb)) - 'statusLabel' AS text)"
                    + " WHERE project_id = ?", other);
        assertThat(new String(stateOf(id), StandardCharsets.UTF_8)).doesNotContain("statusLabel");
        assertThat(new String(stateOf(other), StandardCharsets.UTF_8)).doesNotContain("statusLabel").contains("\"sector\": ");
        Roadmap fromOldRows = answers.at(day, known); // asked a second time: read again, then kept

        assertThat(new String(roadmapJson.bytes(fromOldRows), StandardCharsets.UTF_8))
                .isEqualTo(new String(asStoredNow, StandardCharsets.UTF_8))
                .isEqualTo(new String(json.writeValueAsBytes(fromOldRows), StandardCharsets.UTF_8));
    }

    private byte[] stateOf(String projectId) {
        return jdbc.queryForObject("SELECT state FROM read_model.project_view WHERE project_id = ? AND recorded_to IS NULL",
                                   (rs, i) -> rs.getBytes(1), projectId);
    }

    private static StoredView stored(ProjectState state, long version, Instant lastRecordedAt) {
        return new StoredView(state.projectId(), state.sector(), state.status(),
                              ViewJson.stored(state), version, lastRecordedAt);
    }
}
