package fi.tiekartta.query;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import fi.tiekartta.query.axon.ProcessorLifecycle;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What keeps the tests' query-services from taking each other's segments: one context per database, and processors
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
    private static final Set<String> STOPS_AND_STARTS = Set.of("start", "shutDown", "shutdownAsync");
    private static final DescribedPredicate<JavaAnnotation<?>> SPRINGS =
            DescribedPredicate.describe("Spring's", annotation -> isSpring(annotation.getRawType()));

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

        List<JavaCodeUnitAccess<?>> accesses = CLASSES.stream()
                .flatMap(c -> c.getCodeUnitAccessesFromSelf().stream()) // calls and method references
                .filter(TestIsolationTest::stopsOrStartsAProcessor)
                .toList();
        assertThat(accesses).as("the lifecycle's own calls, seen by this rule")
                            .anyMatch(access -> access.getOriginOwner().isEquivalentTo(ProcessorLifecycle.class));

        assertThat(accesses).filteredOn(access -> !mayCall.contains(outermost(access.getOriginOwner()).getName()))
                            .map(access -> access.getOrigin().getFullName() + " " + access.getName())
                            .isEmpty();
    }

    private static boolean stopsOrStartsAProcessor(JavaCodeUnitAccess<?> access) {
        return STOPS_AND_STARTS.contains(access.getName()) && access.getTargetOwner().isAssignableTo(EventProcessor.class);
    }

    /** A nested, local or anonymous class's outermost class; a top-level class itself. */
    private static JavaClass outermost(JavaClass owner) {
        return owner.getEnclosingClass().map(TestIsolationTest::outermost).orElse(owner);
    }

    /**
     * What of {@code test} would give it a context of its own: Spring's annotations on it or its members, and a
     * configuration nested in it (Spring adds a test's nested configuration classes to its context).
     */
    private static Stream<String> contextSettings(JavaClass test) {
        Stream<String> onClass = test.getAnnotations().stream().filter(TestIsolationTest::changesTheContext)
                                     .map(a -> test.getSimpleName() + " @" + a.getRawType().getSimpleName());
        Stream<String> onMembers = test.getMembers().stream().flatMap(member -> member.getAnnotations().stream()
                .filter(TestIsolationTest::changesTheContext)
                .map(a -> test.getSimpleName() + "." + member.getName() + " @" + a.getRawType().getSimpleName()));
        Stream<String> nested = CLASSES.stream()
                                       .filter(c -> c.getName().startsWith(test.getName() + "$"))
                                       .filter(c -> c.isMetaAnnotatedWith(Configuration.class))
                                       .map(c -> c.getName() + " is a @Configuration");
        return Stream.of(onClass, onMembers, nested).flatMap(s -> s);
    }

    /**
     * Spring's annotations, or annotations of another's that carry one (a composed annotation), but those that only
     * take a bean or a value of the context (@Autowired, @LocalServerPort).
     */
    private static boolean changesTheContext(JavaAnnotation<?> annotation) {
        JavaClass type = annotation.getRawType();
        return (isSpring(type) || type.isMetaAnnotatedWith(SPRINGS))
               && !type.getPackageName().equals("org.springframework.beans.factory.annotation")
               && !type.isAnnotatedWith(Value.class);
    }

    private static boolean isSpring(JavaClass annotationType) {
        return annotationType.getPackageName().startsWith("org.springframework");
    }
}
