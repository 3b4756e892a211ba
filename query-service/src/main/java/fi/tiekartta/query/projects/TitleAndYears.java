package fi.tiekartta.query.projects;

/**
 * Three fields of a {@link ProjectState}, read alone where thousands of states are read for these only
 * ({@link ViewJson#titleAndYears}).
 */
public record TitleAndYears(String title, Integer plannedEndYear, Integer targetYear) {

    /** Nothing read. */
    public static final TitleAndYears NONE = new TitleAndYears(null, null, null);

    static TitleAndYears of(ProjectState state) {
        return new TitleAndYears(state.title(), state.plannedEndYear(), state.targetYear());
    }
}
