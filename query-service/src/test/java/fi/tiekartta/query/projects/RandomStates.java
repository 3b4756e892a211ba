package fi.tiekartta.query.projects;

import fi.tiekartta.vocabulary.ProjectStatus;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random project states for the tests of their stored forms. */
public final class RandomStates {

    private RandomStates() {
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
