package fi.tiekartta.command.project;

/**
 * A command that the project's current state does not allow (a retracted change corrected again); the message
 * names that state. Answered 409. Any other {@link IllegalStateException} is a fault of the service, not of the
 * request.
 */
public class RuleOfStateException extends IllegalStateException {

    public RuleOfStateException(String message) {
        super(message);
    }
}
