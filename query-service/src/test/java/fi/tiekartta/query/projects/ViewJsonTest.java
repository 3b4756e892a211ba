package fi.tiekartta.query.projects;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tiekartta.support.eventstore.EventJson;
import fi.tiekartta.vocabulary.ProjectStatus;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The stored form is told from the forms stored before it, which are written anew in it when read whole. */
class ViewJsonTest {

    private static final ObjectMapper JACKSON = EventJson.newObjectMapper(); // what the projection stored before

    @Test
    void theStoredForm_isTakenAsItIs_andAFormStoredBefore_isWrittenAnewInIt() throws Exception {
        for (RandomStates.InBothForms state : RandomStates.inBothForms(11, 2000)) {
            assertThat(ViewJson.asStored(state.stored())).isSameAs(state.stored());
            assertThat(ViewJson.isStoredForm(state.before())).as(new String(state.before(), StandardCharsets.UTF_8)).isFalse();
            assertThat(ViewJson.asStored(state.before())).isEqualTo(state.stored());
        }
    }

    @Test
    void theMark_inAText_orInJsonbsOrder_isNotTheStoredForm() throws Exception {
        ProjectState state = new ProjectState("TE-1", "TEKNIIKKA", "x\",\"statusLabel\":\"y", ",\"statusLabel\":", null, null,
                                              null, ProjectStatus.DONE, null, null, null, null, LocalDate.of(2024, 6, 30), List.of());
        byte[] before = JACKSON.writeValueAsBytes(state);
        byte[] jsonb = ("{\"note\": null, \"owner\": \",\\\"statusLabel\\\":\", \"title\": \"T\", \"units\": [], \"sector\": \"TEKNIIKKA\", "
                        + "\"status\": \"DONE\", \"projectId\": \"TE-1\", \"effectiveDate\": \"2024-06-30\"}").getBytes(StandardCharsets.UTF_8);

        assertThat(ViewJson.isStoredForm(before)).isFalse();
        assertThat(ViewJson.isStoredForm(jsonb)).isFalse();
        assertThat(ViewJson.isStoredForm(ViewJson.stored(state))).isTrue();
        assertThat(ViewJson.read(ViewJson.asStored(jsonb))).isEqualTo(ViewJson.read(jsonb));
        assertThat(new String(ViewJson.asStored(before), StandardCharsets.UTF_8)).isEqualTo(new String(ViewJson.stored(state), StandardCharsets.UTF_8))
                .contains(",\"status\":\"DONE\",\"statusLabel\":\"" + ProjectStatus.DONE.finnishLabel() + "\",");
    }
}
