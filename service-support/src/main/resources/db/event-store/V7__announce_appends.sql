-- Every statement that inserts events announces it on the channel event_store_appended, delivered when its
-- transaction commits (never for one that rolls back). The query-service listens and wakes its reader of the store
-- at once (AppendNotifications), instead of finding the new events at its next poll: the poll's wait was most of
-- the projection's lag under a steady load. PostgreSQL folds identical notifications of one transaction into one.
--
-- A trigger rather than a call inside append_group, so that every writer of the store announces (the group
-- appender, Axon's own engine, tests), as the stream heads' trigger (V5) keeps them current. The announcing
-- transactions commit one at a time, as PostgreSQL commits every transaction that notified; appends already commit
-- one at a time under the append lock (AppendLock), so this serialises nothing that was parallel.
CREATE FUNCTION event_store.announce_appends() RETURNS TRIGGER
    LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM pg_notify('event_store_appended', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER domain_event_entry_announce
    AFTER INSERT ON event_store.domain_event_entry
    FOR EACH STATEMENT EXECUTE FUNCTION event_store.announce_appends();
