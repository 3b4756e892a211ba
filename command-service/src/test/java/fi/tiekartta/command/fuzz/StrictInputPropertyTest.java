package fi.tiekartta.command.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.tiekartta.command.CommandServiceTestBase;
import fi.tiekartta.command.project.AssignOwnerRequest;
import fi.tiekartta.command.project.ChangeStatusRequest;
import fi.tiekartta.command.project.RegisterProjectRequest;
import fi.tiekartta.command.project.ReviseDetailsRequest;
import fi.tiekartta.support.eventstore.EventStoreTables;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import fi.tiekartta.vocabulary.ProjectStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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

    /** A request type, where it is sent, and which of its fields the resulting event carries under the same name. */
    private record Target(Class<? extends Record> type, String method, String path, Set<String> storedAsSent) {
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 19, 2024})
    void everyAcceptedBody_isStoredAsSent_andEveryWrongShape_isRefusedNamingItsField(long seed) {
        Random random = new Random(seed);
        int accepted = 0;
        int refusedForShape = 0;
        for (int i = 0; i < BODIES_PER_TYPE; i++) {
            String project = registeredProject();
            for (Target target : targets(project)) {
                Set<String> wrongShape = new HashSet<>();
                ObjectNode body = bodyFor(target, random, wrongShape);
                long eventsBefore = eventCount();
                Response answer = api.send(target.method(), target.path(), COORDINATOR, body.toString(), Map.of());
                String context = "seed " + seed + ": " + target.method() + " " + target.path() + " " + body + " → " + answer;

                assertThat(answer.status()).as(context).isBetween(200, 499);
                if (answer.status() < 300) {
                    accepted++;
                    assertThat(wrongShape).as("accepted a value of the wrong shape: " + context).isEmpty();
                    assertStoredAsSent(project, target, body, context);
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
        assertThat(accepted).as("enough bodies are accepted to test storage").isGreaterThan(BODIES_PER_TYPE / 2);
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

    private List<Target> targets(String project) {
        String base = "/api/projects/" + project;
        return List.of(
                new Target(ChangeStatusRequest.class, "POST", base + "/status-changes", Set.of(
                        "status", "effectiveDate", "progressPercent", "targetYear", "scheduledFor", "unit", "note")),
                new Target(ReviseDetailsRequest.class, "PATCH", base, Set.of(
                        "title", "description", "plannedStartYear", "plannedEndYear", "effectiveDate")),
                new Target(AssignOwnerRequest.class, "PUT", base + "/owner", Set.of("owner", "effectiveDate")),
                new Target(RegisterProjectRequest.class, "POST", "/api/projects", Set.of(
                        "projectId", "sector", "title", "owner", "plannedStartYear", "plannedEndYear", "description",
                        "effectiveDate")));
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
        RecordComponent[] fields = target.type().getRecordComponents();
        String spoiled = random.nextBoolean() ? null : fields[random.nextInt(fields.length)].getName();
        ObjectNode body = NODES.objectNode();
        for (RecordComponent field : fields) {
            String name = field.getName();
            boolean wrong = name.equals(spoiled) || (spoiled != null && random.nextInt(10) == 0);
            if (wrong) {
                body.set(name, wrongShape(field.getType(), random));
                wrongShape.add(name);
            } else if (target.type() == RegisterProjectRequest.class && name.equals("projectId")) {
                body.put(name, uniqueProjectId()); // a fresh project each time, so registrations can succeed
            } else if (random.nextInt(10) >= 1) {
                body.set(name, wellShaped(field.getType(), name, random));
            }
        }
        return body;
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

    private void assertStoredAsSent(String project, Target target, ObjectNode body, String context) {
        String stream = target.type() == RegisterProjectRequest.class ? body.get("projectId").asText() : project;
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
