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
