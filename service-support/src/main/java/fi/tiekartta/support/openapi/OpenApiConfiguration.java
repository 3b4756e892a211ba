package fi.tiekartta.support.openapi;

import io.swagger.v3.oas.models.responses.ApiResponse;

import fi.tiekartta.vocabulary.Sectors;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3.1 description both services publish at {@code /v3/api-docs}, made to say exactly what they do
 * (docs/OPENAPI.md): the bearer scheme, a typed {@code Problem}, every problem answer an operation can give
 * ({@link ProblemAnswers}), and response records whose every property is required and typed {@code "null"} where
 * the service can send null ({@link RecordSchemas}). Controllers add only what cannot be derived.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    public static final String BEARER_SCHEME = "bearer-jwt";
    public static final String PROBLEM_SCHEMA = ProblemAnswers.PROBLEM_SCHEMA;
    private static final String DESCRIPTION = "Tiekartta: a digitalisation roadmap kept as a history of facts.";

    @Bean
    public OpenAPI tiekarttaOpenApi(@Value("${spring.application.name}") String service,
                                    @Value("${tiekartta.api.description:" + DESCRIPTION + "}") String description) {
        return new OpenAPI()
                .info(new Info().title("Tiekartta " + service).version("1").description(description)
                                .contact(new Contact().name("Tiekartta, digikoordinaatioryhmä")))
                .components(new Components()
                        .addSecuritySchemes(BEARER_SCHEME, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                                .description("A JWT whose `sub` is the actor and whose `roles` claim lists OWNER, "
                                             + "COORDINATOR, AUDITOR, MANAGEMENT or ADMIN.")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER_SCHEME));
    }

    @Bean
    public static RecordSchemas recordSchemas() {
        return new RecordSchemas();
    }

    @Bean
    public OperationCustomizer problemAnswers() {
        return new ProblemAnswers();
    }

    @Bean
    public OpenApiCustomizer describedAsServed(RecordSchemas records, ObjectProvider<Sectors> sectors) {
        return openApi -> {
            ProblemAnswers.addProblemSchema(openApi);
            records.requireAndMarkNulls(openApi);
            sectors.ifAvailable(known -> SectorEnum.apply(openApi, known));
        };
    }

    /** An answer of {@code application/problem+json} with the typed {@code Problem} schema. */
    public static ApiResponse problem(String description) {
        return ProblemAnswers.problem(description);
    }
}
