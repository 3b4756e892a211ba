package fi.tiekartta.query.projects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tiekartta.support.eventstore.EventJson;
import fi.tiekartta.vocabulary.ProjectStatus;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The stored form is told from the forms stored before it, which are written anew in it when read whole. */
class ViewJsonTest {

    private static final ObjectMapper JACKSON = EventJson.newObjectMapper(); // what the projection stored before

    @Test
    void theStoredForm_isTakenAsItIs_andAFormStoredBefore_isWrittenAnewInIt() throws Exception {
        for (RandomStates.InBothForms state : RandomStates.inBothForms(11, 2000)) {
            ProjectStatus status = state.state().status();
            assertThat(ViewJson.asStored(state.stored(), status)).isSameAs(state.stored());
            assertThat(ViewJson.isStoredForm(state.before(), status)).as(new String(state.before(), StandardCharsets.UTF_8)).isFalse();
            assertThat(ViewJson.asStored(state.before(), status)).isEqualTo(state.stored());
        }
    }

    @Test
    void aStoredState_isTheStoredFormOfItsOwnStatus_andOfNoOther() throws Exception {
        List<ProjectStatus> statuses = new ArrayList<>(List.of(ProjectStatus.values()));
        statuses.add(null);
        for (RandomStates.InBothForms state : RandomStates.inBothForms(13, 2000)) {
            for (ProjectStatus status : statuses) {
                assertThat(ViewJson.isStoredForm(state.stored(), status))
                        .as("%s as %s", new String(state.stored(), StandardCharsets.UTF_8), status)
                        .isEqualTo(status == state.state().status());
            }
        }
    }

    @Test
    void eachStoredState_withItsVersion_isWhatJacksonWritesForTheView_stateAfterState() throws Exception {
        ObjectMapper api = EventJson.newObjectMapper().setSerializationInclusion(JsonInclude.Include.ALWAYS); // as the API's
        Instant at = Instant.parse("2024-06-30T10:15:30.123Z");
        long version = 0;
        for (RandomStates.InBothForms state : RandomStates.inBothForms(12, 2000)) { // one thread's writer, reused
            if (state.state().status() == null) {
                continue; // stored, but never a view: every project has a status
            }
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            ViewJson.writeView(written, new StoredView(state.state().projectId(), state.state().sector(), state.state().status(),
                                                       state.stored(), ++version, at));
            assertThat(new String(written.toByteArray(), StandardCharsets.UTF_8))
                    .isEqualTo(new String(api.writeValueAsBytes(ProjectView.of(state.state(), version, at)), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theMark_inAText_orInJsonbsOrder_isNotTheStoredForm() throws Exception {
        ProjectState state = new ProjectState("TE-1", "TEKNIIKKA", "x\",\"statusLabel\":\"y", ",\"statusLabel\":", null, null,
                                              null, ProjectStatus.DONE, null, null, null, null, LocalDate.of(2024, 6, 30), List.of());
        byte[] before = JACKSON.writeValueAsBytes(state);
        byte[] jsonb = ("{\"note\": null, \"owner\": \",\\\"statusLabel\\\":\", \"title\": \"T\", \"units\": [], \"sector\": \"TEKNIIKKA\", "
                        + "\"status\": \"DONE\", \"projectId\": \"TE-1\", \"effectiveDate\": \"2024-06-30\"}").getBytes(StandardCharsets.UTF_8);

        assertThat(ViewJson.isStoredForm(before, ProjectStatus.DONE)).isFalse();
        assertThat(ViewJson.isStoredForm(jsonb, ProjectStatus.DONE)).isFalse();
        assertThat(ViewJson.isStoredForm(ViewJson.stored(state), ProjectStatus.DONE)).isTrue();
        assertThat(ViewJson.read(ViewJson.asStored(jsonb, ProjectStatus.DONE))).isEqualTo(ViewJson.read(jsonb));
        assertThat(new String(ViewJson.asStored(before, ProjectStatus.DONE), StandardCharsets.UTF_8)).isEqualTo(new String(ViewJson.stored(state), StandardCharsets.UTF_8))
                .contains(",\"status\":\"DONE\",\"statusLabel\":\"" + ProjectStatus.DONE.finnishLabel() + "\",");
    }

    @Test
    void aLabelTheVocabularyHasRewordedSince_orAnotherStatus_orNoObject_isWrittenAnew() {
        ProjectState state = new ProjectState("TE-1", "TEKNIIKKA", "Otsikko", null, 2024, 2026, null, ProjectStatus.IN_PROGRESS,
                                              40, null, null, null, LocalDate.of(2024, 6, 30),
                                              List.of(new ProjectState.UnitState("VAKA", ProjectStatus.DONE, null, null, null)));
        String stored = new String(ViewJson.stored(state), StandardCharsets.UTF_8);
        String label = "\"statusLabel\":\"" + ProjectStatus.IN_PROGRESS.finnishLabel() + "\"";
        assertThat(stored).contains(label);
        byte[] reworded = stored.replace(label, "\"statusLabel\":\"KESKEN\"").getBytes(StandardCharsets.UTF_8);
        byte[] trailing = (stored + "\n").getBytes(StandardCharsets.UTF_8);

        assertThat(ViewJson.isStoredForm(reworded, ProjectStatus.IN_PROGRESS)).isFalse();
        assertThat(ViewJson.asStored(reworded, ProjectStatus.IN_PROGRESS)).isEqualTo(ViewJson.stored(state));
        assertThat(ViewJson.isStoredForm(ViewJson.stored(state), ProjectStatus.DONE)).as("the unit's status is not the project's").isFalse();
        assertThat(ViewJson.isStoredForm(trailing, ProjectStatus.IN_PROGRESS)).isFalse();
        assertThat(ViewJson.asStored(trailing, ProjectStatus.IN_PROGRESS)).isEqualTo(ViewJson.stored(state));
    }
}
