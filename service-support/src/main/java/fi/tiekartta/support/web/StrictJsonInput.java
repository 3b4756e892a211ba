package fi.tiekartta.support.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Request bodies are read exactly as written, or refused. Jackson's defaults are lenient in ways that change
 * what a client sent without telling it: a number becomes an enum constant by its ordinal ({@code "status": 3}),
 * a fraction is cut to a whole number ({@code 70.9} → 70), a number or a boolean becomes a string, a string
 * becomes a number, a one-element array becomes its element, a field given twice keeps its last value, and a date may be a number (an epoch day) or an
 * array. Each of those is refused here, so that the problem answer names the field and nothing is stored.
 * <p>
 * This configures the one {@link ObjectMapper} Spring MVC reads bodies with, in both services; the event store
 * has its own mapper, which reads only what the services wrote.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJsonInput {

    /** The only form a date may take in a body: {@code YYYY-MM-DD}, a real calendar day. */
    static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;

    @Bean
    public Jackson2ObjectMapperBuilderCustomizer strictJsonInputCustomizer() {
        return builder -> builder
                .featuresToEnable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                                  DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                                  DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                                  JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .featuresToDisable(DeserializationFeature.ACCEPT_FLOAT_AS_INT,
                                   DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS,
                                   DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                                   MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .modulesToInstall(modules -> modules.add(datesOnlyAsText()))
                .postConfigurer(StrictJsonInput::refuseScalarCoercions);
    }

    /** Numbers and booleans are not text: {@code "note": 5} is refused rather than stored as "5". */
    static void refuseScalarCoercions(ObjectMapper mapper) {
        for (CoercionInputShape shape : new CoercionInputShape[]{CoercionInputShape.Integer, CoercionInputShape.Float,
                                                                 CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        for (LogicalType type : new LogicalType[]{LogicalType.Integer, LogicalType.Float, LogicalType.Boolean,
                                                  LogicalType.Enum}) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
    }

    /** Registered after the Java time module, so it replaces that module's lenient date reader. */
    static SimpleModule datesOnlyAsText() {
        SimpleModule module = new SimpleModule("tiekartta-strict-dates");
        module.addDeserializer(LocalDate.class, new TextualDate());
        return module;
    }

    static final class TextualDate extends StdScalarDeserializer<LocalDate> {

        TextualDate() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (LocalDate) context.handleUnexpectedToken(LocalDate.class, parser);
            }
            String text = parser.getText();
            try {
                return LocalDate.parse(text, DATE);
            } catch (DateTimeParseException e) {
                return (LocalDate) context.handleWeirdStringValue(LocalDate.class, text,
                                                                  "not a real calendar date in the form YYYY-MM-DD");
            }
        }
    }
}
