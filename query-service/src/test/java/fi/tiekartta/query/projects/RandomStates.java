package fi.tiekartta.query.projects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tiekartta.support.eventstore.EventJson;
import fi.tiekartta.vocabulary.ProjectStatus;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random project states for the tests of their stored forms. */
public final class RandomStates {

    /** What the projection stored before the stored form ({@link ViewJson}): Jackson, nulls left out, no label. */
    private static final ObjectMapper BEFORE = EventJson.newObjectMapper();

    private RandomStates() {
    }

    /** A state, its stored form, and the form stored before it. */
    public record InBothForms(ProjectState state, byte[] stored, byte[] before) {
    }

    /** {@code count} random states from {@code seed}, each in both forms. */
    public static List<InBothForms> inBothForms(long seed, int count) throws JsonProcessingException {
        Random random = new Random(seed);
        List<InBothForms> states = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ProjectState state = state(random);
            states.add(new InBothForms(state, ViewJson.stored(state), BEFORE.writeValueAsBytes(state)));
        }
        return states;
    }

    /** Any state: texts with quotes, escapes and characters beyond ASCII, and nulls anywhere, the status's too. */
    public static ProjectState state(Random random) {
        List<ProjectState.UnitState> units = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            units.add(new ProjectState.UnitState(text(random), status(random), number(random), number(random), day(random)));
        }
        return new ProjectState(text(random), text(random), text(random), text(random), number(random), number(random),
                                text(random), status(random), number(random), number(random), text(random), text(random),
                                day(random), random.nextInt(5) == 0 ? null : units);
    }

    public static String text(Random random) {
        if (random.nextInt(4) == 0) {
            return null;
        }
        String[] alphabet = {"a", "Z", "0", " ", "-", "\"", "\\", "\n", "\t", "\u0001", "ä", "ö", "€", "😀", "/", "<", ">"};
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            text.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return text.toString();
    }

    private static Integer number(Random random) {
        return random.nextInt(4) == 0 ? null : random.nextInt(5000) - 100;
    }

    public static ProjectStatus status(Random random) {
        return random.nextInt(6) == 0 ? null : ProjectStatus.values()[random.nextInt(ProjectStatus.values().length)];
    }

    private static LocalDate day(Random random) {
        return random.nextInt(5) == 0 ? null : LocalDate.of(1 + random.nextInt(12000), 1, 1).plusDays(random.nextInt(366));
    }
}
