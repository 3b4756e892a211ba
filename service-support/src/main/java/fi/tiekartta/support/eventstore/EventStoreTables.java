package fi.tiekartta.support.eventstore;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/**
 * The layout of the event store as the command-service's Flyway migrations create it. Axon's defaults are
 * camelCase names without quotes, which PostgreSQL folds to lower case; the tables here are snake_case and
 * schema-qualified, because the JDBC URL carries no schema (README, "Running it elsewhere").
 */
public final class EventStoreTables {

    public static final String SCHEMA = "event_store";
    public static final String DOMAIN_EVENTS = SCHEMA + ".domain_event_entry";
    public static final String SNAPSHOTS = SCHEMA + ".snapshot_event_entry";
    /** The last event of every stream, kept by the insert of events (V5__stream_head.sql). */
    public static final String STREAM_HEADS = SCHEMA + ".stream_head";

    private EventStoreTables() {
    }

    public static EventSchema eventSchema() {
        return EventSchema.builder()
                          .eventTable(DOMAIN_EVENTS)
                          .snapshotTable(SNAPSHOTS)
                          .globalIndexColumn("global_index")
                          .timestampColumn("time_stamp")
                          .eventIdentifierColumn("event_identifier")
                          .aggregateIdentifierColumn("aggregate_identifier")
                          .sequenceNumberColumn("sequence_number")
                          .typeColumn("type")
                          .payloadTypeColumn("payload_type")
                          .payloadRevisionColumn("payload_revision")
                          .payloadColumn("payload")
                          .metaDataColumn("meta_data")
                          .build();
    }
}
