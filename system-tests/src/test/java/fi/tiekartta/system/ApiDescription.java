package fi.tiekartta.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import fi.tiekartta.testsupport.HttpApi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A service's published OpenAPI 3.1 description ({@code /v3/api-docs}), held against every exchange a system test
 * has with the service: the operation must be described, its status code listed, its content type among those
 * listed for that code, and a JSON answer valid against that code's schema (JSON Schema 2020-12, with formats
 * asserted). A JSON request body the description calls invalid must be refused (4xx). The first mismatch fails the
 * test, naming the operation, the status and the JSON path.
 * <p>
 * Paths outside {@code /api/} (health, metrics, the description itself, the roadmap page) are not part of the API
 * and not checked; an undescribed {@code /api/} path must be refused (401, 403, 404 or 405).
 */
public final class ApiDescription implements HttpApi.Observer {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** JSON Schema 2020-12, knowing the OpenAPI keywords that annotate and do not validate (and where components are). */
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            factory -> factory.metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                    .keywords(Stream.of("components", "example", "discriminator", "xml", "externalDocs")
                                    .map(NonValidationKeyword::new).toList())
                    .build()));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
                                                                               .formatAssertionsEnabled(true).build();
    private static final Set<Integer> REFUSALS_OF_UNKNOWN_PATHS = Set.of(401, 403, 404, 405);
    private static final Path SAVED = Path.of("target", "openapi");
    private static final Map<String, ApiDescription> PUBLISHED = new ConcurrentHashMap<>();

    /** How many exchanges the descriptions checked in this JVM, by service; left in target/openapi/checked.txt. */
    public static final Map<String, AtomicInteger> CHECKED = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.createDirectories(SAVED);
                Files.writeString(SAVED.resolve("checked.txt"), "Exchanges checked against the API descriptions: "
                                                                + new java.util.TreeMap<>(CHECKED) + "\n");
            } catch (IOException e) {
                // only a figure for people; the checks themselves have passed or failed already
            }
        }));
    }

    private final String service;
    private final JsonNode document;
    private final List<PathTemplate> paths;
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();
    private final Set<String> exercised = ConcurrentHashMap.newKeySet();

    private ApiDescription(String service, JsonNode document) {
        this.service = service;
        this.document = document;
        List<PathTemplate> templates = new ArrayList<>();
        document.path("paths").fieldNames().forEachRemaining(path -> templates.add(PathTemplate.of(path)));
        templates.sort(Comparator.comparingInt(PathTemplate::variables)); // literal segments win over variables
        this.paths = List.copyOf(templates);
    }

    /**
     * The description the running service publishes, fetched once per service name and kept in
     * {@code target/openapi/<service>.json} (for Spectral and the generated client).
     */
    public static ApiDescription of(String service, ServiceProcess process) {
        return PUBLISHED.computeIfAbsent(service, name -> {
            HttpApi.Response answer = new HttpApi(process.baseUrl()).get("/v3/api-docs", null);
            if (answer.status() != 200) {
                throw new IllegalStateException(name + " did not publish its API description: " + answer);
            }
            try {
                JsonNode document = JSON.readTree(answer.body());
                Files.createDirectories(SAVED.resolve(COMMITTED_FORM));
                JSON.writerWithDefaultPrettyPrinter().writeValue(SAVED.resolve(name + ".json").toFile(), document);
                Files.writeString(SAVED.resolve(COMMITTED_FORM).resolve(name + ".json"),
                                  JSON.writerWithDefaultPrettyPrinter().writeValueAsString(withoutServers(document)) + "\n");
                return new ApiDescription(name, document);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    public JsonNode document() {
        return document;
    }

    /**
     * The description as {@code docs/openapi/} keeps it: without {@code servers}, which name the port the service
     * happened to run on. {@code target/openapi/committed/} holds each in this form, ready to copy there.
     */
    public static JsonNode withoutServers(JsonNode document) {
        ObjectNode copy = document.deepCopy();
        copy.remove("servers");
        return copy;
    }

    public static final String COMMITTED_FORM = "committed";

    /** Every operation described, as "METHOD /path/{template}". */
    public Set<String> operations() {
        Set<String> operations = new java.util.TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> operations.add(method.toUpperCase() + " " + path.getKey())));
        return operations;
    }

    /** The operations and status codes the checked exchanges had, as "METHOD /path/{template} status". */
    public Set<String> exercised() {
        return Set.copyOf(exercised);
    }

    @Override
    public void exchanged(HttpRequest request, String requestBody, HttpApi.Response response) {
        List<String> mismatches = mismatches(request, requestBody, response);
        if (!mismatches.isEmpty()) {
            throw new AssertionError(service + ": " + request.method() + " " + request.uri().getRawPath() + " answered "
                                     + response.status() + ", which its API description does not allow:\n  "
                                     + String.join("\n  ", mismatches) + "\nanswer: " + abbreviated(response.body()));
        }
        CHECKED.computeIfAbsent(service, s -> new AtomicInteger()).incrementAndGet();
    }

    /** Everything about this exchange that the description does not allow; empty when it matches. */
    public List<String> mismatches(HttpRequest request, String requestBody, HttpApi.Response response) {
        URI uri = request.uri();
        String path = uri.getRawPath();
        if (!path.startsWith("/api/")) {
            return List.of();
        }
        String method = request.method().toLowerCase();
        Optional<PathTemplate> template = paths.stream().filter(t -> t.matches(path)).findFirst();
        JsonNode operation = template.map(t -> document.path("paths").path(t.template()).path(method))
                                     .orElse(null);
        if (operation == null || operation.isMissingNode()) {
            return REFUSALS_OF_UNKNOWN_PATHS.contains(response.status()) ? List.of()
                    : List.of("no operation " + method.toUpperCase() + " " + path + " is described, yet it answered "
                              + response.status());
        }
        String name = method.toUpperCase() + " " + template.get().template();
        exercised.add(name + " " + response.status());
        List<String> mismatches = new ArrayList<>();
        requestMismatches(name, operation, request, requestBody, response, mismatches);
        responseMismatches(name, operation, response, mismatches);
        return mismatches;
    }

    private void requestMismatches(String name, JsonNode operation, HttpRequest request, String body,
                                   HttpApi.Response response, List<String> mismatches) {
        String contentType = request.headers().firstValue("Content-Type").map(ApiDescription::mediaType).orElse(null);
        if (body == null || contentType == null || !contentType.endsWith("json")) {
            return;
        }
        JsonNode schema = operation.path("requestBody").path("content").path(contentType).path("schema");
        if (schema.isMissingNode()) {
            return; // an undescribed body type: the answer (415) is checked below
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException notJson) {
            json = null;
        }
        List<String> invalid = json == null ? List.of("not JSON")
                : validate(name + " request", schema, json);
        if (!invalid.isEmpty() && response.status() < 400) {
            mismatches.add("a request body the description calls invalid was accepted with " + response.status()
                           + ": " + invalid);
        }
    }

    private void responseMismatches(String name, JsonNode operation, HttpApi.Response response, List<String> mismatches) {
        String status = Integer.toString(response.status());
        JsonNode answer = operation.path("responses").path(status);
        if (answer.isMissingNode()) {
            answer = operation.path("responses").path("default");
        }
        if (answer.isMissingNode()) {
            mismatches.add("status " + status + " is not among " + fieldNames(operation.path("responses")));
            return;
        }
        JsonNode content = answer.path("content");
        if (response.body() == null || response.body().isEmpty()) {
            return;
        }
        String contentType = mediaType(response.contentType());
        if (!content.has(contentType)) {
            mismatches.add("content type " + contentType + " is not among " + fieldNames(content) + " for " + status);
            return;
        }
        JsonNode schema = content.path(contentType).path("schema");
        if (schema.isMissingNode() || !contentType.endsWith("json")) {
            return;
        }
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException e) {
            mismatches.add("the " + contentType + " answer is not JSON");
            return;
        }
        validate(name + " " + status + " " + contentType, schema, json).forEach(mismatches::add);
    }

    private List<String> validate(String key, JsonNode schema, JsonNode json) {
        JsonSchema compiledSchema = compiled.computeIfAbsent(key, k -> {
            ObjectNode root = schema.deepCopy();
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.set("components", document.path("components"));
            return SCHEMAS.getSchema(root, CONFIG);
        });
        Set<ValidationMessage> messages = compiledSchema.validate(json);
        return messages.stream().map(ValidationMessage::getMessage).sorted()
                       .collect(Collectors.toList());
    }

    private static String mediaType(String header) {
        int parameters = header.indexOf(';');
        return (parameters < 0 ? header : header.substring(0, parameters)).trim().toLowerCase();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }

    private static String abbreviated(String body) {
        return body == null || body.length() <= 600 ? body : body.substring(0, 600) + "…";
    }

    private record PathTemplate(String template, Pattern pattern, int variables) {
        static PathTemplate of(String template) {
            StringBuilder regex = new StringBuilder();
            int variables = 0;
            for (String part : template.split("(?=\\{)|(?<=\\})")) {
                if (part.startsWith("{")) {
                    regex.append("[^/]+");
                    variables++;
                } else {
                    regex.append(Pattern.quote(part));
                }
            }
            return new PathTemplate(template, Pattern.compile(regex.toString()), variables);
        }

        boolean matches(String path) {
            return pattern.matcher(path).matches();
        }
    }
}
