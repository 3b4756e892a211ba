package fi.tiekartta.query.roadmap;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The roadmap's JSON, written from kept sector bytes, is byte for byte what Jackson writes for the answer. */
class RoadmapJsonTest extends RoadmapTestBase {

    @Autowired
    private RoadmapJson roadmapJson;
    @Autowired
    private RoadmapAnswers answers;
    @Autowired
    private ObjectMapper json;

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
}
