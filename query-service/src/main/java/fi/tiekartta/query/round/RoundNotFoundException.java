package fi.tiekartta.query.round;

/** No reporting round with the asked id (or its opening has not reached the read models yet). */
public class RoundNotFoundException extends RuntimeException {

    public RoundNotFoundException(String roundId) {
        super("There is no reporting round " + roundId + ".");
    }
}
