package fi.tiekartta.command.round;

/** The path names no reporting round (nothing opened under that id, or an id of another kind). Answered 404. */
public class UnknownRoundException extends RuntimeException {

    private final String roundId;

    public UnknownRoundException(String roundId) {
        super("There is no reporting round " + roundId + ".");
        this.roundId = roundId;
    }

    public String roundId() {
        return roundId;
    }
}
