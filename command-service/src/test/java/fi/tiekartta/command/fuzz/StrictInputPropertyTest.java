package fi.tiekartta.command.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.tiekartta.command.CommandServiceTestBase;
import fi.tiekartta.command.project.AssignOwnerRequest;
import fi.tiekartta.command.project.ChangeStatusRequest;
import fi.tiekartta.command.project.CorrectionRequest;
import fi.tiekartta.command.project.RegisterProjectRequest;
import fi.tiekartta.command.project.ReviseDetailsRequest;
import fi.tiekartta.command.round.OpenRoundRequest;
import fi.tiekartta.support.eventstore.EventStoreTables;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import fi.tiekartta.vocabulary.ProjectStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strict input as a property: bodies are derived from each request type's fields, each field left out, given a
 * value of its own type, or given a value of another JSON shape (a number for an enum or a date, a fraction or a
 * numeric string for a whole number, a number or boolean for text, an array or an object for anything). Whatever
 * the service accepts is stored exactly as sent; everything else is a 4xx problem naming a field and stores
 * nothing; and any value of a wrong shape is refused, naming that field.
 */
class StrictInputPropertyTest extends CommandServiceTestBase {

    private static final int BODIES_PER_TYPE = 60;
    private static final String COORDINATOR = TestTokens.mint("koordinaattori", "COORDINATOR");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * A request type, where it is sent, which of its fields the resulting event carries under the same name, and
     * the change a correction names (null for the other types).
     */
    private record Target(Class<?> type, String method, String path, Set<String> storedAsSent, String changeId) {
    }

    /** A field of a request body: a record component, or a property a setter writes (a correction's). */
    private record Field(String name, Class<?> type) {
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 19, 2024})
    void everyAcceptedBody_isStoredAsSent_andEveryWrongShape_isRefusedNamingItsField(long seed) {
        Random random = new Random(seed);
        Map<String, Integer> acceptedByType = new TreeMap<>();
        int refusedForShape = 0;
        for (int i = 0; i < BODIES_PER_TYPE; i++) {
            String project = registeredProject();
            Response change = api.post("/api/projects/" + project + "/status-changes", COORDINATOR,
                                       "{\"status\":\"IN_PROGRESS\",\"progressPercent\":50}");
            for (Target target : targets(project, change.json().get("changeId").asText())) {
                Set<String> wrongShape = new HashSet<>();
                ObjectNode body = bodyFor(target, random, wrongShape);
                long eventsBefore = eventCount();
                Response answer = api.send(target.method(), target.path(), COORDINATOR, body.toString(), Map.of());
                String context = "seed " + seed + ": " + target.method() + " " + target.path() + " " + body + " → " + answer;

                assertThat(answer.status()).as(context).isBetween(200, 499);
                if (answer.status() < 300) {
                    acceptedByType.merge(target.type().getSimpleName(), 1, Integer::sum);
                    assertThat(wrongShape).as("accepted a value of the wrong shape: " + context).isEmpty();
                    assertStoredAsSent(project, target, body, answer, context);
                } else {
                    assertThat(answer.contentType()).as(context).startsWith("application/problem+json");
                    assertThat(eventCount()).as("refused but stored: " + context).isEqualTo(eventsBefore);
                    if (!wrongShape.isEmpty()) {
                        refusedForShape++;
                        assertThat(answer.status()).as(context).isEqualTo(400);
                        assertThat(fieldsNamed(answer)).as(context).containsAnyElementsOf(wrongShape);
                    }
                }
            }
        }
        assertThat(acceptedByType).as("bodies of every type are accepted, so storage is tested for each")
                                  .containsOnlyKeys("ChangeStatusRequest", "ReviseDetailsRequest", "AssignOwnerRequest",
                                                    "CorrectionRequest", "RegisterProjectRequest", "OpenRoundRequest");
        assertThat(refusedForShape).as("enough bodies carry a wrong shape").isGreaterThan(BODIES_PER_TYPE);
    }

    @ParameterizedTest(name = "{0} → 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"status\":3}                                          | status",
            "{\"status\":\"IN_PROGRESS\",\"progressPercent\":70.9} | progressPercent",
            "{\"status\":\"IN_PROGRESS\",\"progressPercent\":\"70\"} | progressPercent",
            "{\"status\":\"DONE\",\"effectiveDate\":20231231}        | effectiveDate",
            "{\"status\":\"DONE\",\"effectiveDate\":[2023,12,31]}    | effectiveDate",
            "{\"status\":[\"DONE\"]}                                   | status",
            "{\"status\":\"DONE\",\"note\":5}                        | note",
            "{\"status\":\"DONE\",\"status\":\"PLANNED\"}          | status"})
    void aCoercibleValue_isRefusedNamingItsField_andNothingIsStored(String body, String field) {
        String project = registeredProject();

        Response answer = api.post("/api/projects/" + project + "/status-changes", COORDINATOR, body);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(fieldsNamed(answer)).as(answer.toString()).containsExactly(field);
        assertThat(eventCount(project)).as("only the registration").isEqualTo(1);
    }

    private List<Target> targets(String project, String changeId) {
        String base = "/api/projects/" + project;
        Set<String> reported = Set.of("status", "effectiveDate", "progressPercent", "targetYear", "scheduledFor", "unit",
                                      "note");
        return List.of(
                new Target(ChangeStatusRequest.class, "POST", base + "/status-changes", reported, null),
                new Target(ReviseDetailsRequest.class, "PATCH", base, Set.of(
                        "title", "description", "plannedStartYear", "plannedEndYear", "effectiveDate"), null),
                new Target(AssignOwnerRequest.class, "PUT", base + "/owner", Set.of("owner", "effectiveDate"), null),
                new Target(CorrectionRequest.class, "POST", base + "/corrections", reported, changeId),
                new Target(RegisterProjectRequest.class, "POST", "/api/projects", Set.of(
                        "projectId", "sector", "title", "owner", "plannedStartYear", "plannedEndYear", "description",
                        "effectiveDate"), null),
                new Target(OpenRoundRequest.class, "POST", "/api/reporting-rounds", Set.of("title", "asOf", "dueDate"),
                           null));
    }

    private static List<Field> fieldsOf(Class<?> type) {
        if (type.isRecord()) {
            return Arrays.stream(type.getRecordComponents()).map(c -> new Field(c.getName(), c.getType())).toList();
        }
        return Arrays.stream(type.getMethods())
                     .filter(m -> m.getName().startsWith("set") && m.getParameterCount() == 1)
                     .map(m -> new Field(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4),
                                         m.getParameterTypes()[0]))
                     .sorted(Comparator.comparing(Field::name))
                     .toList();
    }

    private String registeredProject() {
        String project = uniqueProjectId();
        Response registered = api.post("/api/projects", COORDINATOR, "{\"projectId\":\"" + project
                + "\",\"sector\":\"TEKNIIKKA\",\"title\":\"Kohde\",\"owner\":\"matti.m\",\"plannedStartYear\":2022,"
                + "\"plannedEndYear\":2025}");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return project;
    }

    /**
     * A body for the target's request type: half of them with every field of its own shape, the rest with one
     * field (and now and then more) of another shape, whose names go to {@code wrongShape}.
     */
    private static ObjectNode bodyFor(Target target, Random random, Set<String> wrongShape) {
        List<Field> fields = fieldsOf(target.type());
        String spoiled = random.nextBoolean() ? null : fields.get(random.nextInt(fields.size())).name();
        ObjectNode body = NODES.objectNode();
        for (Field field : fields) {
            String name = field.name();
            boolean wrong = name.equals(spoiled) || (spoiled != null && random.nextInt(10) == 0);
            if (wrong) {
                body.set(name, wrongShape(field.type(), random));
                wrongShape.add(name);
            } else if (target.type() == RegisterProjectRequest.class && name.equals("projectId")) {
                body.put(name, uniqueProjectId()); // a fresh project each time, so registrations can succeed
            } else if (name.equals("changeId") && target.changeId() != null) {
                body.put(name, target.changeId()); // the change a correction corrects
            } else if (random.nextInt(10) >= 1) {
                body.set(name, wellShaped(field.type(), name, random));
            }
        }
        if (fields.stream().anyMatch(f -> f.name().equals("progressPercent"))) {
            fitToStatus(body, wrongShape);
        }
        return body;
    }

    /**
     * Well-shaped fields that the rules would refuse beside the body's status are dropped or made to fit (a
     * percentage only with IN_PROGRESS, a target year with POSTPONED, a quarter with PLANNED, a note with MERGED),
     * so that clean bodies are accepted often enough to test how they are stored. Wrong shapes stay as they are.
     * A correction without a status keeps the corrected change's, IN_PROGRESS.
     */
    private static void fitToStatus(ObjectNode body, Set<String> wrongShape) {
        JsonNode given = body.get("status");
        if (wrongShape.contains("status")) {
            return;
        }
        ProjectStatus status = given == null ? ProjectStatus.IN_PROGRESS : ProjectStatus.valueOf(given.asText());
        int nextYear = LocalDate.now(ZoneId.of("Europe/Helsinki")).getYear() + 1;
        fit(body, wrongShape, "progressPercent", status == ProjectStatus.IN_PROGRESS, null);
        fit(body, wrongShape, "targetYear", status == ProjectStatus.POSTPONED, NODES.numberNode(nextYear));
        fit(body, wrongShape, "scheduledFor", status == ProjectStatus.PLANNED, NODES.textNode(nextYear + "-Q2"));
        if (status == ProjectStatus.MERGED && !wrongShape.contains("note")) {
            body.put("note", "osana Kuntaliiton hanketta");
        }
    }

    private static void fit(ObjectNode body, Set<String> wrongShape, String field, boolean belongs, JsonNode value) {
        if (wrongShape.contains(field)) {
            return;
        }
        if (!belongs) {
            body.remove(field);
        } else if (value != null && (body.has(field) || field.equals("targetYear"))) {
            body.set(field, value);
        }
    }

    private static JsonNode wellShaped(Class<?> type, String name, Random random) {
        if (type == ProjectStatus.class) {
            return NODES.textNode(pick(random, ProjectStatus.values()).name());
        }
        if (type == Integer.class) {
            int value = name.endsWith("Year") ? 2021 + random.nextInt(6) : pick(random, new Integer[]{0, 10, 60, 99, 100});
            return NODES.numberNode(value);
        }
        if (type == LocalDate.class) {
            // The projects are registered today, and no change may be dated before that or after today.
            return NODES.textNode(LocalDate.now(ZoneId.of("Europe/Helsinki")).toString());
        }
        if (type == Boolean.class) {
            return NODES.booleanNode(false);
        }
        if (name.equals("sector")) {
            return NODES.textNode(pick(random, new String[]{"TEKNIIKKA", "ELINVOIMA"}));
        }
        if (name.equals("owner")) {
            return NODES.textNode(pick(random, new String[]{"matti.m", "liisa.k", "Päivi Äijälä"}));
        }
        return NODES.textNode(pick(random, new String[]{"Sähköinen asiointi", "60 % TEHTY", "Q3", "vesihuolto",
                                                        "ÅÄÖ åäö – \"lainaus\""}));
    }

    private static JsonNode wrongShape(Class<?> type, Random random) {
        List<JsonNode> shapes = new ArrayList<>(List.of(NODES.arrayNode().add(1), NODES.objectNode().put("a", 1)));
        if (type == ProjectStatus.class) {
            shapes.addAll(List.of(NODES.numberNode(3), NODES.numberNode(0), NODES.textNode("done"), NODES.booleanNode(true),
                                  NODES.arrayNode().add("DONE")));
        } else if (type == Integer.class) {
            shapes.addAll(List.of(NODES.numberNode(70.9), NODES.numberNode(60.0), NODES.textNode("60"),
                                  NODES.booleanNode(true), NODES.arrayNode().add(60), NODES.textNode("")));
        } else if (type == LocalDate.class) {
            shapes.addAll(List.of(NODES.numberNode(20231231), NODES.numberNode(19000),
                                  NODES.arrayNode().add(2023).add(12).add(31), NODES.textNode("31.12.2023"),
                                  NODES.textNode("2023-02-30"), NODES.booleanNode(true)));
        } else if (type == Boolean.class) {
            shapes.addAll(List.of(NODES.numberNode(1), NODES.textNode("true")));
        } else {
            shapes.addAll(List.of(NODES.numberNode(5), NODES.numberNode(1.5), NODES.booleanNode(false),
                                  NODES.arrayNode().add("x")));
        }
        return shapes.get(random.nextInt(shapes.size()));
    }

    private void assertStoredAsSent(String project, Target target, ObjectNode body, Response answer, String context) {
        String stream = target.type() == RegisterProjectRequest.class ? body.get("projectId").asText()
                : target.type() == OpenRoundRequest.class ? answer.json().get("roundId").asText() // the service's id
                : project;
        String payload = jdbc.queryForObject("SELECT payload FROM " + EventStoreTables.DOMAIN_EVENTS
                                             + " WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1",
                                             String.class, stream);
        JsonNode stored = readTree(payload);
        body.fieldNames().forEachRemaining(field -> {
            if (target.storedAsSent().contains(field)) {
                assertThat(stored.get(field)).as(field + " in " + payload + " for " + context).isEqualTo(body.get(field));
            }
        });
    }

    private static Set<String> fieldsNamed(Response answer) {
        JsonNode errors = answer.json().path("errors");
        Set<String> fields = new HashSet<>();
        StreamSupport.stream(errors.spliterator(), false).forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
