package fi.tiekartta.command.append;

import fi.tiekartta.support.eventstore.AppendLock;
import fi.tiekartta.support.eventstore.HashChainingAppendEvents.Row;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Writes a group with one call of {@code event_store.append_group} (migration V4): the append lock, the check
 * against stored positions and keys, one multi-row INSERT of the events in the order given, one of the idempotency
 * rows, and — the connection being in autocommit — the COMMIT, all in one round trip. The lock is therefore held
 * only inside the database, for the time the inserts and one WAL flush take.
 */
public class AppendGroupFunction implements AppendGroupStatement {

    private static final String CALL = "SELECT refused_member, refused_because FROM event_store.append_group("
                                       + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @Override
    public List<Refusal> write(Connection autocommit, List<PendingAppend> group) throws SQLException {
        List<Integer> eventMember = new ArrayList<>();
        List<Row> events = new ArrayList<>();
        List<Integer> keyMember = new ArrayList<>();
        List<IdempotencyRow> keys = new ArrayList<>();
        for (int member = 0; member < group.size(); member++) {
            for (Row row : group.get(member).events()) {
                eventMember.add(member);
                events.add(row);
            }
            for (IdempotencyRow row : group.get(member).keys()) {
                keyMember.add(member);
                keys.add(row);
            }
        }
        try (PreparedStatement call = autocommit.prepareStatement(CALL)) {
            call.setLong(1, AppendLock.KEY);
            call.setArray(2, array(autocommit, "int4", eventMember, m -> m));
            call.setArray(3, array(autocommit, "text", events, Row::eventIdentifier));
            call.setArray(4, array(autocommit, "text", events, Row::aggregateIdentifier));
            call.setArray(5, array(autocommit, "int8", events, Row::sequenceNumber));
            call.setArray(6, array(autocommit, "text", events, Row::type));
            call.setArray(7, array(autocommit, "text", events, Row::timeStamp));
            call.setArray(8, array(autocommit, "text", events, Row::payloadType));
            call.setArray(9, array(autocommit, "text", events, Row::payloadRevision));
            call.setArray(10, array(autocommit, "text", events, Row::payload));
            call.setArray(11, array(autocommit, "text", events, Row::metaData));
            call.setArray(12, array(autocommit, "text", events, Row::hash));
            call.setArray(13, array(autocommit, "int4", keyMember, m -> m));
            call.setArray(14, array(autocommit, "text", keys, IdempotencyRow::actor));
            call.setArray(15, array(autocommit, "text", keys, IdempotencyRow::key));
            call.setArray(16, array(autocommit, "text", keys, IdempotencyRow::fingerprint));
            call.setArray(17, array(autocommit, "int4", keys, IdempotencyRow::status));
            call.setArray(18, array(autocommit, "text", keys, IdempotencyRow::body));
            call.setArray(19, array(autocommit, "text", keys, IdempotencyRow::location));
            call.setArray(20, array(autocommit, "text", keys, IdempotencyRow::etag));
            List<Refusal> refusals = new ArrayList<>();
            try (ResultSet refused = call.executeQuery()) {
                while (refused.next()) {
                    refusals.add(new Refusal(refused.getInt(1),
                                             Reason.valueOf(refused.getString(2).toUpperCase(Locale.ROOT))));
                }
            }
            return refusals;
        }
    }

    private static <T> Array array(Connection connection, String type, List<T> rows, Function<T, Object> column)
            throws SQLException {
        return connection.createArrayOf(type, rows.stream().map(column).toArray());
    }
}
