package fi.tiekartta.query.admin;

/** A rebuild was asked for while one is running; answered 409. */
public class RebuildRunningException extends RuntimeException {

    public RebuildRunningException() {
        super("A rebuild is already running; follow it at GET /api/admin/replay.");
    }
}
