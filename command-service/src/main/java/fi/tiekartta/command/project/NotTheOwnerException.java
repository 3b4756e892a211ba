package fi.tiekartta.command.project;

/** An owner tried to change a project somebody else owns; answered 403. */
public class NotTheOwnerException extends RuntimeException {

    public NotTheOwnerException(String projectId, String actor) {
        super(actor + " does not own project " + projectId + "; only its owner or a coordinator may change it.");
    }
}
