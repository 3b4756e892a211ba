package fi.tiekartta.query.roadmap;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tiekartta.vocabulary.ProjectStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Roadmap answers are reused only while they cannot change: a later event changes the answer as known now at
 * once, and leaves the answer as known at an earlier instant as it was.
 */
class RoadmapAnswersTest extends RoadmapTestBase {

    private static final LocalDate ON = LocalDate.of(2037, 3, 1);

    @Test
    void theAnswerAsKnownNow_followsEveryProjectedChange_andTheAnswerAsKnownBefore_staysAsItWas() {
        String id = register("TEKNIIKKA", LocalDate.of(2037, 1, 2), 2039);
        Instant before = knownNow(id);
        JsonNode first = roadmap("asOf=" + ON);
        pause();
        JsonNode again = roadmap("asOf=" + ON);
        assertThat(status(again, id)).isEqualTo(status(first, id)).isEqualTo("NOT_STARTED");
        assertThat(again.get("knownAt").asText()).as("each answer says its own instant").isNotEqualTo(first.get("knownAt").asText());

        change(id, ProjectStatus.IN_PROGRESS, LocalDate.of(2037, 2, 1));
        knownNow(id);

        assertThat(status(roadmap("asOf=" + ON), id)).isEqualTo("IN_PROGRESS");
        assertThat(status(roadmap("asOf=" + ON + "&knownAt=" + before), id)).isEqualTo("NOT_STARTED");
        assertThat(roadmap("asOf=" + ON + "&knownAt=" + before).get("knownAt").asText()).isEqualTo(KnownAt.normalise(before).toString());
    }

    @Test
    void theRoadmapNarrowedToASectorAndAStatus_listsOnlyThose_withTheirCounts() {
        LocalDate on = LocalDate.of(2036, 6, 1);
        String started = register("TEKNIIKKA", LocalDate.of(2036, 1, 2), 2038);
        String waiting = register("TEKNIIKKA", LocalDate.of(2036, 1, 2), 2038);
        change(started, ProjectStatus.IN_PROGRESS, LocalDate.of(2036, 2, 1));
        Instant known = knownNow(started, waiting);
        JsonNode whole = roadmap("asOf=" + on + "&knownAt=" + known);

        JsonNode sector = roadmap("asOf=" + on + "&knownAt=" + known + "&sector=TEKNIIKKA");
        JsonNode inProgress = roadmap("asOf=" + on + "&knownAt=" + known + "&sector=TEKNIIKKA&status=IN_PROGRESS");

        assertThat(sector.get("sectors")).hasSize(1);
        assertThat(sector.get("sectors").get(0).get("sector").asText()).isEqualTo("TEKNIIKKA");
        assertThat(sector.get("sectors").get(0)).isEqualTo(sector(whole, "TEKNIIKKA"));
        assertThat(sector.get("countsByStatus")).isEqualTo(sector(whole, "TEKNIIKKA").get("countsByStatus"));
        inProgress.get("sectors").get(0).get("projects")
                  .forEach(project -> assertThat(project.get("status").asText()).isEqualTo("IN_PROGRESS"));
        assertThat(status(inProgress, started)).isEqualTo("IN_PROGRESS");
        assertThat(status(inProgress, waiting)).isNull();
        assertThat(inProgress.get("countsByStatus").fieldNames()).toIterable().containsExactly("IN_PROGRESS");
        assertThat(inProgress.get("countsByStatus").get("IN_PROGRESS").asInt())
                .isEqualTo(inProgress.get("sectors").get(0).get("projects").size());
    }

    @Test
    void anUnknownSectorOrStatus_isA400NamingTheParameter() {
        var badSector = api().get("/api/roadmap?sector=EI_OLE", managementToken());
        var badStatus = api().get("/api/roadmap?status=VALMIS_KAI", managementToken());

        assertThat(badSector.status()).isEqualTo(400);
        assertThat(badSector.contentType()).startsWith("application/problem+json");
        assertThat(badSector.json().get("errors").get(0).get("field").asText()).isEqualTo("sector");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().get("errors").get(0).get("field").asText()).isEqualTo("status");
    }

    private static String status(JsonNode roadmap, String id) {
        for (JsonNode sector : roadmap.get("sectors")) {
            for (JsonNode project : sector.get("projects")) {
                if (project.get("projectId").asText().equals(id)) {
                    return project.get("status").asText();
                }
            }
        }
        return null;
    }
}
