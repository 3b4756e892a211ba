package fi.tiekartta.command.append;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The one statement that writes a group (in autocommit: the statement is the transaction). A seam of its own so that
 * tests can cut the connection off before or after the database made a group durable.
 */
public interface AppendGroupStatement {

    /** Why a member of a group was not written. */
    enum Reason { SEQUENCE, KEY }

    /** The member at {@code index} of the group was refused, and nothing of it was written. */
    record Refusal(int index, Reason reason) {
    }

    /**
     * Writes every member of {@code group} but the refused ones, and commits.
     *
     * @return the refused members; empty when all were written
     * @throws SQLException when nothing was written, or (a broken connection) when that cannot be known
     */
    List<Refusal> write(Connection autocommit, List<PendingAppend> group) throws SQLException;
}
