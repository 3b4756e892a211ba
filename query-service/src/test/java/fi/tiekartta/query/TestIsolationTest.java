package fi.tiekartta.query;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import fi.tiekartta.query.axon.ProcessorLifecycle;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What keeps the tests' query-services from taking each other's events: one context per database, and processors
 * stopped only as the service stops them. Both were broken once, and a test of the processors failed now and then:
 * <ul>
 * <li>the public roadmap's tests changed their settings with an annotation, so Spring started two more contexts on
 * the shared database, each running the projection and taking a segment of the two (ProcessorLifecycleTest counts its
 * own instance's segments and failed whenever they ran first);</li>
 * <li>GapSafetyTest stopped its processor with a bare {@code shutDown()} right after the context started, lost one of
 * its two threads to the race {@link ProcessorLifecycle} mends, and followed one segment for the balancer's 30 s.</li>
 * </ul>
 */
class TestIsolationTest {

    private static final JavaClasses CLASSES = new ClassFileImporter().importPackages("fi.tiekartta.query");

    @Test
    void theSharedContextsTests_declareNoSettingsOfTheirOwn() {
        List<JavaClass> tests = CLASSES.stream()
                                       .filter(c -> c.isAssignableTo(QueryServiceTestBase.class))
                                       .filter(c -> !c.isEquivalentTo(QueryServiceTestBase.class))
                                       .toList();
        assertThat(tests).as("the tests of the shared context").hasSizeGreaterThan(20);

        List<String> ownSettings = tests.stream().flatMap(TestIsolationTest::contextSettings).toList();

        assertThat(ownSettings).isEmpty();
    }

    @Test
    void onlyTheLifecycle_stopsOrStartsAProcessor() {
        Set<String> mayCall = Set.of(ProcessorLifecycle.class.getName(), "fi.tiekartta.query.axon.ProcessorLifecycleTest");
        Set<String> stopsAndStarts = Set.of("start", "shutDown", "shutdownAsync");

        List<String> callers = CLASSES.stream()
                                      .filter(c -> !mayCall.contains(c.getName()))
                                      .flatMap(c -> c.getMethodCallsFromSelf().stream())
                                      .filter(call -> stopsAndStarts.contains(call.getName())
                                                      && call.getTargetOwner().isAssignableTo(EventProcessor.class))
                                      .map(call -> call.getOrigin().getFullName() + " calls " + call.getName())
                                      .toList();

        assertThat(callers).isEmpty();
    }

    /** What of {@code test} would give it a context of its own: Spring's test annotations, on it or its members. */
    private static Stream<String> contextSettings(JavaClass test) {
        Stream<String> onClass = test.getAnnotations().stream().filter(TestIsolationTest::isSpring)
                                     .map(a -> test.getSimpleName() + " @" + a.getRawType().getSimpleName());
        Stream<String> onMembers = test.getMembers().stream().flatMap(member -> member.getAnnotations().stream()
                .filter(TestIsolationTest::isSpring)
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
