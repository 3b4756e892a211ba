package fi.tiekartta.query;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No test of {@link QueryServiceTestBase} changes its Spring context. Spring starts a context for each set of
 * settings, and each one runs the projection: a second context on the base's database took one of its processors'
 * two segments, and ProcessorLifecycleTest, which counts this instance's segments, failed whenever the public
 * roadmap's tests (then on that database, with settings of their own) ran before it.
 */
class OneContextPerDatabaseTest {

    @Test
    void theSharedContextsTests_declareNoSettingsOfTheirOwn() {
        List<JavaClass> tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                                                       .importPackages("fi.tiekartta.query").stream()
                                                       .filter(c -> c.isAssignableTo(QueryServiceTestBase.class))
                                                       .filter(c -> !c.isEquivalentTo(QueryServiceTestBase.class))
                                                       .toList();
        assertThat(tests).as("the tests of the shared context").hasSizeGreaterThan(20);

        List<String> ownSettings = tests.stream().flatMap(OneContextPerDatabaseTest::contextSettings).toList();

        assertThat(ownSettings).isEmpty();
    }

    /** What of {@code test} would give it a context of its own: Spring's test annotations, on it or its members. */
    private static Stream<String> contextSettings(JavaClass test) {
        Stream<String> onClass = test.getAnnotations().stream().filter(OneContextPerDatabaseTest::isSpring)
                                     .map(a -> test.getSimpleName() + " @" + a.getRawType().getSimpleName());
        Stream<String> onMembers = test.getMembers().stream().flatMap(member -> member.getAnnotations().stream()
                .filter(OneContextPerDatabaseTest::isSpring)
                .map(a -> test.getSimpleName() + "." + member.getName() + " @" + a.getRawType().getSimpleName()));
        return Stream.concat(onClass, onMembers);
    }

    /** Spring's annotations, but those that take a bean or a value of the context (@Autowired, @LocalServerPort). */
    private static boolean isSpring(JavaAnnotation<?> annotation) {
        JavaClass type = annotation.getRawType();
        return type.getPackageName().startsWith("org.springframework")
               && !type.getPackageName().equals("org.springframework.beans.factory.annotation")
               && !type.isAnnotatedWith(Value.class);
    }
}
