package fi.tiekartta.support.openapi;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.junit.jupiter.api.Test;
import org.springframework.lang.Nullable;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RecordSchemasTest {

    record Detail(String code) {
    }

    record Answer(String id, @Nullable String owner, @Nullable Integer year, long version, @Nullable Detail detail,
                  List<String> tags) {
    }

    record Question(String title, @Nullable String note) {
    }

    @Test
    @SuppressWarnings("rawtypes")
    void everyComponentOfAnAnswerIsRequired_andANullableOneAdmitsNull() {
        OpenAPI openApi = described();

        Schema answer = openApi.getComponents().getSchemas().get("Answer");
        assertThat(answer.getRequired()).containsExactlyInAnyOrder("id", "owner", "year", "version", "detail", "tags");
        Map<String, Schema> properties = answer.getProperties();
        assertThat(properties.get("id").getTypes()).containsExactly("string");
        assertThat(properties.get("owner").getTypes()).containsExactly("string", "null");
        assertThat(properties.get("year").getTypes()).containsExactly("integer", "null");
        assertThat(properties.get("version").getTypes()).containsExactly("integer");
        List<Schema> either = properties.get("detail").getOneOf();
        assertThat(either).extracting(Schema::get$ref).contains("#/components/schemas/Detail");
        assertThat(either).anyMatch(s -> s.getTypes() != null && s.getTypes().contains("null"));
    }

    @Test
    @SuppressWarnings("rawtypes")
    void aRecordOnlyRead_keepsItsRequiredFields_andItsOptionalOnesAdmitNull() {
        OpenAPI openApi = described();

        Schema question = openApi.getComponents().getSchemas().get("Question");
        assertThat(question.getRequired()).isNull();
        assertThat(((Schema) question.getProperties().get("note")).getTypes()).containsExactly("string", "null");
        assertThat(((Schema) question.getProperties().get("title")).getTypes()).containsExactly("string", "null");
    }

    private static OpenAPI described() {
        RecordSchemas records = new RecordSchemas();
        ModelConverters converters = new ModelConverters(true);
        converters.addConverter(records);
        Components components = new Components();
        converters.readAll(Answer.class).forEach(components::addSchemas);
        converters.readAll(Question.class).forEach(components::addSchemas);
        Operation operation = new Operation()
                .requestBody(new RequestBody().content(json("Question")))
                .responses(new ApiResponses().addApiResponse("200", new ApiResponse().content(json("Answer"))));
        OpenAPI openApi = new OpenAPI().components(components)
                                       .paths(new Paths().addPathItem("/x", new PathItem().post(operation)));
        records.requireAndMarkNulls(openApi);
        return openApi;
    }

    private static Content json(String schema) {
        return new Content().addMediaType("application/json",
                new MediaType().schema(new JsonSchema().$ref("#/components/schemas/" + schema)));
    }
}
