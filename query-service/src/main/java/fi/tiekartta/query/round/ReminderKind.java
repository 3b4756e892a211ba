package fi.tiekartta.query.round;

/** The two reminders an owner with missing projects gets in a round. */
public enum ReminderKind {
    /** A configured number of days before the due date ({@code tiekartta.reminders.days-before}). */
    BEFORE_DUE,
    /** On the due date. */
    ON_DUE_DATE
}
