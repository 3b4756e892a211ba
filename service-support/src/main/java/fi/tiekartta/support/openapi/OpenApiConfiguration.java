package fi.tiekartta.support.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description: the bearer scheme on every operation, and the problem answers every operation can
 * give (400, 401, 403, 500), so that clients do not have to read the source to learn the error shape.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    public static final String BEARER_SCHEME = "bearer-jwt";
    public static final String PROBLEM_SCHEMA = "Problem";

    @Bean
    public OpenAPI tiekarttaOpenApi(@Value("${spring.application.name}") String service,
                                    @Value("${tiekartta.api.description:}") String description) {
        return new OpenAPI()
                .info(new Info().title("Tiekartta " + service).version("1").description(description))
                .components(new Components()
                        .addSecuritySchemes(BEARER_SCHEME, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                                .description("A JWT whose `sub` is the actor and whose `roles` claim lists OWNER, "
                                             + "COORDINATOR, AUDITOR, MANAGEMENT or ADMIN."))
                        .addSchemas(PROBLEM_SCHEMA, problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList(BEARER_SCHEME));
    }

    @Bean
    public OperationCustomizer commonProblemAnswers() {
        return (operation, handlerMethod) -> {
            addIfAbsent(operation.getResponses(), "400", "Invalid input; `errors` names each field");
            addIfAbsent(operation.getResponses(), "401", "No valid bearer token");
            addIfAbsent(operation.getResponses(), "403", "The token's roles do not allow this");
            addIfAbsent(operation.getResponses(), "500", "Unexpected failure; quote the correlation id");
            return operation;
        };
    }

    public static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                "application/problem+json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
    }

    private static void addIfAbsent(io.swagger.v3.oas.models.responses.ApiResponses responses, String code,
                                    String description) {
        if (responses != null && !responses.containsKey(code)) {
            responses.addApiResponse(code, problem(description));
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema problemSchema() {
        Schema error = new Schema<>().type("object")
                .addProperty("field", new Schema<>().type("string"))
                .addProperty("message", new Schema<>().type("string"));
        return new Schema<>().type("object").description("RFC 9457 problem details")
                .addProperty("type", new Schema<>().type("string"))
                .addProperty("title", new Schema<>().type("string"))
                .addProperty("status", new Schema<>().type("integer"))
                .addProperty("detail", new Schema<>().type("string"))
                .addProperty("instance", new Schema<>().type("string"))
                .addProperty("correlationId", new Schema<>().type("string"))
                .addProperty("errors", new Schema<>().type("array").items(error));
    }
}
