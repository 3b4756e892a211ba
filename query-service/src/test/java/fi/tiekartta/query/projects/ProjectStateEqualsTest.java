package fi.tiekartta.query.projects;

import fi.tiekartta.vocabulary.ProjectStatus;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The written-out equals of {@link ProjectState} and its units compares every component, as a record's own does: a
 * component added to the record but not to equals would let the fold merge states that differ. Their written-out
 * hashCode takes in every component too: one left out would not be wrong, but would make a rebuild's states, which
 * differ in one component at a time, collide in its map of written states.
 */
class ProjectStateEqualsTest {

    private static final ProjectState.UnitState UNIT = new ProjectState.UnitState("VAKA", ProjectStatus.DONE, 100, 2024,
                                                                                    LocalDate.of(2024, 1, 1));
    private static final ProjectState STATE = new ProjectState("TE-1", "TEKNIIKKA", "Otsikko", "omistaja", 2022, 2025, "kuvaus",
                                                               ProjectStatus.IN_PROGRESS, 40, 2025, "2025/Q1", "huom",
                                                               LocalDate.of(2024, 6, 30), List.of(UNIT));

    @Test
    void everyComponent_takesPartInEqualsAndHashCode_andEqualStatesHashAlike() throws Exception {
        assertEveryComponentCounts(STATE);
        assertEveryComponentCounts(UNIT);
    }

    private static <R extends Record> void assertEveryComponentCounts(R record) throws Exception {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Constructor<?> canonical = record.getClass().getDeclaredConstructor(
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = components[i].getAccessor().invoke(record);
        }
        Object same = canonical.newInstance(values.clone());
        assertThat(same).isEqualTo(record).hasSameHashCodeAs(record);
        for (int i = 0; i < components.length; i++) {
            Object[] changed = values.clone();
            changed[i] = another(values[i]);
            assertThat(canonical.newInstance(changed)).as(components[i].getName()).isNotEqualTo(record)
                    .doesNotHaveSameHashCodeAs(record);
            changed[i] = null;
            assertThat(canonical.newInstance(changed)).as(components[i].getName() + " null").isNotEqualTo(record)
                    .doesNotHaveSameHashCodeAs(record);
        }
    }

    private static Object another(Object value) {
        if (value instanceof String text) {
            return text + "x";
        } else if (value instanceof Integer number) {
            return number + 1;
        } else if (value instanceof ProjectStatus status) {
            return status == ProjectStatus.DONE ? ProjectStatus.WAITING : ProjectStatus.DONE;
        } else if (value instanceof LocalDate day) {
            return day.plusDays(1);
        } else if (value instanceof List<?> units) {
            List<Object> more = new ArrayList<>(units);
            more.add(UNIT);
            return more;
        }
        throw new IllegalArgumentException("no other value for " + value);
    }
}
