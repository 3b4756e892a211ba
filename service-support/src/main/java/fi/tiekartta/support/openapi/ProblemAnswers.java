package fi.tiekartta.support.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.method.HandlerMethod;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The problem answers an operation can give, derived from what its handler method takes, so that no controller
 * has to list them: 400, 401, 403, 406, 500 and 503 (the database is unavailable, or a commit's outcome is
 * unknown) everywhere; 404 where the path names a project ({@code projectId}); 412 where {@code If-Match} is
 * taken; 413 and 415 where a body is read; 422 where an {@code Idempotency-Key} is taken. A controller's own
 * description of a code wins. Success answers whose content type springdoc could not tell ({@code *}{@code /*})
 * are JSON: every such handler returns a record Jackson writes.
 */
class ProblemAnswers implements OperationCustomizer {

    static final String PROBLEM_SCHEMA = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";
    private static final String JSON = "application/json";
    private static final String ANY = "*/*";
    private static final String PROJECT_ID = "projectId";
    private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        ApiResponses responses = operation.getResponses();
        if (responses == null) {
            return operation;
        }
        List<MethodParameter> parameters = Arrays.asList(handler.getMethodParameters());
        add(responses, "400", "Invalid input: a parameter, header or body field; `errors` names each");
        add(responses, "401", "No valid bearer token");
        add(responses, "403", "The token's roles do not allow this");
        add(responses, "406", "Accept names no content type this operation answers with");
        if (parameters.stream().anyMatch(ProblemAnswers::namesProject)) {
            add(responses, "404", "No such project");
        }
        if (parameters.stream().anyMatch(p -> header(p, HttpHeaders.IF_MATCH))) {
            add(responses, "412", "If-Match names a version that is no longer current");
        }
        if (parameters.stream().anyMatch(ProblemAnswers::readsBody)) {
            add(responses, "413", "The body is larger than the service accepts");
            add(responses, "415", "The body is not of the content type the operation reads");
        }
        if (parameters.stream().anyMatch(p -> header(p, "Idempotency-Key"))) {
            add(responses, "422", "The Idempotency-Key was used with another request");
        }
        add(responses, "500", "Unexpected failure; quote the correlation id");
        add(responses, "503", "The database is unavailable, or a commit's outcome is unknown; try again after "
                              + "Retry-After (a command repeated with the same Idempotency-Key is safe)");
        responses.values().forEach(ProblemAnswers::jsonWhereUnknown);
        sortByCode(operation);
        return operation;
    }

    private static boolean namesProject(MethodParameter parameter) {
        PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
        if (variable == null) {
            return false;
        }
        parameter.initParameterNameDiscovery(NAMES);
        return PROJECT_ID.equals(variable.value().isEmpty() ? parameter.getParameterName() : variable.value());
    }

    private static boolean header(MethodParameter parameter, String name) {
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        return header != null && (name.equalsIgnoreCase(header.value()) || name.equalsIgnoreCase(header.name()));
    }

    private static boolean readsBody(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(RequestBody.class)
               || HttpEntity.class.isAssignableFrom(parameter.getParameterType());
    }

    private static void add(ApiResponses responses, String code, String description) {
        ApiResponse existing = responses.get(code);
        if (existing == null) {
            responses.addApiResponse(code, problem(description));
        } else if (existing.getContent() == null || existing.getContent().isEmpty()
                   || existing.getContent().containsKey(ANY)) {
            existing.setContent(problemContent());
        }
    }

    private static void jsonWhereUnknown(ApiResponse response) {
        Content content = response.getContent();
        if (content != null && content.containsKey(ANY)) {
            MediaType media = content.remove(ANY);
            if (!content.containsKey(JSON)) {
                content.addMediaType(JSON, media);
            }
        }
    }

    private static void sortByCode(Operation operation) {
        Map<String, ApiResponse> sorted = new TreeMap<>(operation.getResponses());
        ApiResponses ordered = new ApiResponses();
        sorted.forEach(ordered::addApiResponse);
        ordered.setExtensions(operation.getResponses().getExtensions());
        operation.setResponses(ordered);
    }

    static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(problemContent());
    }

    private static Content problemContent() {
        return new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new JsonSchema().$ref("#/components/schemas/" + PROBLEM_SCHEMA)));
    }

    /** RFC 9457 problem details as the services write them ({@code Problems}, Spring's {@code ProblemDetail}). */
    static void addProblemSchema(OpenAPI openApi) {
        Schema<?> violation = object("One offending field and what is wrong with it", List.of("field", "message"))
                .addProperty("field", typed("The field, parameter or header (for a CSV row, the column)", "string"))
                .addProperty("message", typed("What is wrong with it", "string"));
        Schema<?> row = object("One refused row of an imported file, with everything wrong with it",
                               List.of("line", "projectId", "errors"))
                .addProperty("line", typed("Line number in the file (the header is line 1)", "integer"))
                .addProperty("projectId", typed("The row's project id, where it has one", "string", "null"))
                .addProperty("errors", typed("Each offending field of the row", "array").items(violation));
        Schema<?> problem = object("RFC 9457 problem details", List.of("type", "title", "status"))
                .addProperty("type", typed("A URI naming the kind of problem (about:blank: see the status)", "string"))
                .addProperty("title", typed("Short summary of the kind of problem", "string"))
                .addProperty("status", typed("The HTTP status code", "integer"))
                .addProperty("detail", typed("What went wrong with this request", "string"))
                .addProperty("instance", typed("The request's path", "string"))
                .addProperty("correlationId", typed("Quote it when reporting a problem: it finds the logs", "string"))
                .addProperty("errors", typed("Each offending field (400)", "array").items(violation))
                .addProperty("rows", typed("Each refused row of an import, by line", "array").items(row));
        openApi.getComponents().addSchemas(PROBLEM_SCHEMA, problem);
    }

    private static Schema<?> object(String description, List<String> required) {
        Schema<?> schema = typed(description, "object");
        schema.setRequired(required);
        return schema;
    }

    static Schema<?> typed(String description, String... types) {
        JsonSchema schema = new JsonSchema();
        schema.setTypes(new LinkedHashSet<>(Arrays.asList(types)));
        schema.setDescription(description);
        return schema;
    }
}
