package fi.tiekartta.query.publicroadmap;

/** A public year-end report is published once its year is over; before that there is none (404). */
public class YearNotEndedException extends RuntimeException {

    YearNotEndedException(int year) {
        super("The year-end report of " + year + " is published once the year has ended (Europe/Helsinki).");
    }
}
