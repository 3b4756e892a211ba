package fi.tiekartta.support.openapi;

import fi.tiekartta.vocabulary.Sector;
import fi.tiekartta.vocabulary.Sectors;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sector codes are configuration ({@code SectorConfiguration}), not a Java enum, so springdoc cannot see
 * them: every {@code sector} property and parameter gets the configured codes as its enum.
 */
final class SectorEnum {

    private static final String SECTOR = "sector";

    private SectorEnum() {
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static void apply(OpenAPI openApi, Sectors sectors) {
        List<String> codes = sectors.all().stream().map(Sector::code).toList();
        if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
            for (Schema schema : openApi.getComponents().getSchemas().values()) {
                Map<String, Schema> properties = schema.getProperties();
                if (properties != null && properties.get(SECTOR) != null) {
                    restrict(properties.get(SECTOR), codes);
                }
            }
        }
        if (openApi.getPaths() != null) {
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                if (operation.getParameters() != null) {
                    operation.getParameters().stream()
                             .filter(p -> SECTOR.equals(p.getName()) && p.getSchema() != null)
                             .forEach(p -> restrict(p.getSchema(), codes));
                }
            }));
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void restrict(Schema schema, List<String> codes) {
        boolean isString = "string".equals(schema.getType())
                           || (schema.getTypes() != null && schema.getTypes().contains("string"));
        if (!isString) {
            return;
        }
        List<Object> values = new ArrayList<>(codes);
        if (schema.getTypes() != null && schema.getTypes().contains("null")) {
            values.add(null);
        }
        schema.setEnum(values);
    }
}
