-- Every lookup append_group makes (is this stream position taken? is this Idempotency-Key taken?) is a probe of a
-- unique index by its key, for the few members of one group. PL/pgSQL plans those statements once per session and
-- keeps the plan: planned while the store was small (a new deployment, or statistics not yet gathered), the plan
-- hashed the group's members and scanned every stored event and key for each group commit, and kept doing so
-- while the store grew (seen: PostgreSQL's CPU per status change grew from 0.3 ms to 2 ms within 44,000 events, and
-- each group's statement took 5-8 ms). Without sequential scans, hash and merge joins, the only plans left are the
-- index probes per member, whatever the statistics say when the plan is made. The settings hold only while the
-- function (and the stream-head trigger its INSERT fires) runs.
ALTER FUNCTION event_store.append_group
    SET enable_seqscan = off
    SET enable_hashjoin = off
    SET enable_mergejoin = off;
