package fi.tiekartta.query.admin;

/** A rebuild was asked of an instance that is shutting down; answered 503, to be asked again (of another instance). */
public class RebuildUnavailableException extends RuntimeException {

    public RebuildUnavailableException() {
        super("This instance is shutting down and starts no rebuild; ask again shortly.");
    }
}
