package fi.tiekartta.query.projects;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tiekartta.support.eventstore.EventJson;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stored states read field by field are what Jackson reads, whatever the JSON holds. */
class StoredStateReaderTest {

    private static final ObjectMapper JSON = EventJson.newObjectMapper();
    private final StoredStateReader reader = new StoredStateReader(JSON.readerFor(ProjectState.class));

    @Test
    void everyStateTheProjectionWrites_readsAsJacksonReadsIt_asDoesTheFormStoredBefore() throws Exception {
        for (RandomStates.InBothForms state : RandomStates.inBothForms(7, 2000)) {
            for (byte[] form : List.of(state.stored(), state.before())) {
                assertThat(reader.read(form)).isEqualTo(JSON.readValue(form, ProjectState.class)).isEqualTo(state.state());
            }
        }
    }

    @Test
    void jsonOfAnotherShape_readsAsJacksonReadsIt() throws Exception {
        for (String json : List.of(
                "{\"title\":5,\"plannedEndYear\":\"2030\",\"targetYear\":2.031e3}",
                "{\"title\":\"A\",\"title\":\"B\",\"plannedEndYear\":null}",
                "{\"projectId\":\"TE-1\",\"status\":\"DONE\",\"units\":null,\"extra\":{\"a\":[1,{\"b\":2}]},\"plannedEndYear\":\"2030\"}",
                "{\"projectId\":\"TE-1\",\"plannedStartYear\":2.0e3,\"effectiveDate\":\"2024-06-30\",\"projectId\":\"TE-2\"}",
                "{\"projectId\":\"TE-1\",\"effectiveDate\":[2024,6,30],\"units\":[{\"unit\":\"VAKA\",\"status\":\"WAITING\",\"x\":null}]}",
                "{\"title\":5,\"note\":true,\"targetYear\":null}",
                "{\"progressPercent\":12345678901234}",
                "{\"projectId\":\"TE-1\"} x",
                // jsonb's order (as a state stored as jsonb before V10 prints): the plain shape, its fields out of order
                "{\"note\": null, \"owner\": \"Ö\", \"title\": \"T\", \"units\": [{\"unit\": \"VAKA\", \"status\": \"DONE\", "
                + "\"targetYear\": 2030, \"effectiveDate\": \"2024-01-01\", \"progressPercent\": 50}], \"sector\": \"TEKNIIKKA\", "
                + "\"status\": \"DONE\", \"projectId\": \"TE-1\", \"targetYear\": null, \"description\": \"d\", \"scheduledFor\": null, "
                + "\"effectiveDate\": \"2024-06-30\", \"plannedEndYear\": 2026, \"progressPercent\": 7, \"plannedStartYear\": 2024}",
                // a field unknown to the record after all of its own
                "{\"projectId\":\"TE-1\",\"sector\":\"TEKNIIKKA\",\"title\":\"T\",\"owner\":null,\"plannedStartYear\":null,"
                + "\"plannedEndYear\":null,\"description\":null,\"status\":\"DONE\",\"progressPercent\":null,\"targetYear\":null,"
                + "\"scheduledFor\":null,\"note\":null,\"effectiveDate\":\"2024-06-30\",\"units\":[{\"unit\":\"VAKA\",\"status\":\"DONE\","
                + "\"progressPercent\":null,\"targetYear\":null,\"effectiveDate\":\"2024-01-01\",\"later\":[1]}],\"later\":{\"a\":1}}")) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            Object jackson;
            try {
                jackson = JSON.readValue(bytes, ProjectState.class);
            } catch (Exception e) {
                assertThatThrownBy(() -> reader.read(bytes)).as(json).isInstanceOf(e.getClass());
                continue;
            }
            assertThat(reader.read(bytes)).as(json).isEqualTo(jackson);
        }
        for (String refused : List.of("{\"status\":\"VALMIS_KAI\"}", "{\"effectiveDate\":\"2024-02-30\"}")) {
            byte[] bytes = refused.getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> JSON.readValue(bytes, ProjectState.class)).as(refused).isNotNull();
            assertThatThrownBy(() -> reader.read(bytes)).as(refused).isNotNull();
        }
    }
}
