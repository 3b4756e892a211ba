package fi.tiekartta.command.project;

import java.util.List;

/** A command whose input breaks the rules; answered 400 with one entry per offending field. */
public class InvalidCommandException extends IllegalArgumentException {

    private final transient List<Violation> violations;

    public InvalidCommandException(String message, List<Violation> violations) {
        super(message + " " + violations);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    /** What is wrong with one field of the command, named as in the request. */
    public record Violation(String field, String message) {
        @Override
        public String toString() {
            return field + " " + message;
        }
    }
}
