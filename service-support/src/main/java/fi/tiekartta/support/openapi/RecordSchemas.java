package fi.tiekartta.support.openapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import org.springframework.lang.Nullable;

import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Response records as Jackson writes them: every component is written, null or not, so every property is
 * {@code required}; a component marked {@link Nullable} can be null, so its type also admits {@code "null"}
 * (OpenAPI 3.1). A record written with {@code @JsonInclude(NON_NULL)} leaves its nulls out instead: there only the
 * components that are never null are required. Records only read from request bodies keep what the validation
 * annotations say, and their optional properties admit null (Jackson reads null as absent).
 * <p>
 * A {@link ModelConverter} only to learn which Java record each named schema was made from.
 */
public class RecordSchemas implements ModelConverter {

    private static final String SCHEMAS = "#/components/schemas/";

    private final Map<String, Class<?>> records = new ConcurrentHashMap<>();

    @Override
    public Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        if (type.getType() != null) {
            JavaType javaType = Json.mapper().constructType(type.getType());
            if (javaType.getRawClass().isRecord()) {
                records.putIfAbsent(javaType.getRawClass().getSimpleName(), javaType.getRawClass());
            }
        }
        return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
    }

    void requireAndMarkNulls(OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        Set<String> requestOnly = readFromRequests(openApi, schemas);
        schemas.forEach((name, schema) -> {
            Class<?> record = records.get(name);
            if (schema.getProperties() == null) {
                return;
            }
            if (requestOnly.contains(name)) {
                markOptionalNullable(schema);
            } else if (record != null) {
                describeAsWritten(record, schema);
            }
        });
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void describeAsWritten(Class<?> record, Schema schema) {
        JsonInclude include = record.getAnnotation(JsonInclude.class);
        boolean nullsLeftOut = include != null && include.value() == JsonInclude.Include.NON_NULL;
        List<String> required = new ArrayList<>();
        for (RecordComponent component : record.getRecordComponents()) {
            Schema property = (Schema) schema.getProperties().get(component.getName());
            if (property == null) {
                continue;
            }
            boolean nullable = !component.getType().isPrimitive()
                               && (component.isAnnotationPresent(Nullable.class)
                                   || component.getAccessor().isAnnotationPresent(Nullable.class));
            if (!nullable) {
                required.add(component.getName());
            } else if (!nullsLeftOut) {
                required.add(component.getName());
                schema.getProperties().put(component.getName(), orNull(property));
            }
        }
        schema.setRequired(required.isEmpty() ? null : required);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void markOptionalNullable(Schema schema) {
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        Map<String, Schema> properties = schema.getProperties();
        properties.replaceAll((name, property) -> required.contains(name) ? property : orNull(property));
    }

    /** The property's schema with {@code null} admitted: a type array, or a $ref beside {@code {"type":"null"}}. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static Schema orNull(Schema property) {
        if (property.get$ref() != null) {
            Schema either = new JsonSchema().oneOf(List.of(new JsonSchema().$ref(property.get$ref()), nullType()));
            either.setDescription(property.getDescription());
            return either;
        }
        Set<String> types = new LinkedHashSet<>();
        if (property.getTypes() != null) {
            types.addAll(property.getTypes());
        } else if (property.getType() != null) {
            types.add(property.getType());
        }
        if (types.isEmpty()) {
            return property; // no type at all: any JSON value, null included
        }
        types.add("null");
        property.setTypes(types);
        if (property.getEnum() != null && !property.getEnum().contains(null)) {
            List<Object> values = new ArrayList<>(property.getEnum());
            values.add(null);
            property.setEnum(values);
        }
        return property;
    }

    private static Schema<?> nullType() {
        JsonSchema none = new JsonSchema();
        none.setTypes(new LinkedHashSet<>(List.of("null")));
        return none;
    }

    /** Schemas reachable from request bodies and from no response. */
    @SuppressWarnings("rawtypes")
    private static Set<String> readFromRequests(OpenAPI openApi, Map<String, Schema> schemas) {
        Set<String> fromRequests = new HashSet<>();
        Set<String> fromResponses = new HashSet<>();
        if (openApi.getPaths() != null) {
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                    operation.getRequestBody().getContent().values()
                             .forEach(media -> reach(media, schemas, fromRequests));
                }
                if (operation.getResponses() != null) {
                    operation.getResponses().values().forEach(response -> {
                        if (response.getContent() != null) {
                            response.getContent().values().forEach(media -> reach(media, schemas, fromResponses));
                        }
                    });
                }
            }));
        }
        fromRequests.removeAll(fromResponses);
        return fromRequests;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void reach(MediaType media, Map<String, Schema> schemas, Set<String> reached) {
        Deque<Schema> todo = new ArrayDeque<>();
        if (media.getSchema() != null) {
            todo.add(media.getSchema());
        }
        while (!todo.isEmpty()) {
            Schema schema = todo.pop();
            if (schema.get$ref() != null && schema.get$ref().startsWith(SCHEMAS)) {
                String name = schema.get$ref().substring(SCHEMAS.length());
                if (reached.add(name) && schemas.get(name) != null) {
                    todo.add(schemas.get(name));
                }
            }
            if (schema.getProperties() != null) {
                todo.addAll(((Map<String, Schema>) schema.getProperties()).values());
            }
            if (schema.getItems() != null) {
                todo.add(schema.getItems());
            }
            if (schema.getAdditionalProperties() instanceof Schema extra) {
                todo.add(extra);
            }
            for (List<Schema> group : new List[]{schema.getOneOf(), schema.getAnyOf(), schema.getAllOf()}) {
                if (group != null) {
                    todo.addAll(group);
                }
            }
        }
    }
}
