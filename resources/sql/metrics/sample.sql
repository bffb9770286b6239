-- Everything one endpoint reports per tick, in one statement that the sampler prepares once per
-- connection (planning this text costs ~2 ms; the prepared plan runs in ~0.1 ms). Counters are
-- cumulative; the sampler turns them into rates between two samples. The statistics functions
-- are called directly: the pg_stat_activity and pg_stat_replication views join pg_database and
-- pg_authid for columns we do not use, which doubles the cost.
--
-- One row per kind, numbers in generic columns n1..n7 (UNION ALL needs one row type):
--   server    name: 'primary' or 'replica' (pg_is_in_recovery)
--             n1 locks waiting, n2 oldest running transaction age (ms), n3 replication lag (bytes),
--             n4 replication lag (ms), n5 streaming replicas (on a primary)
--   activity  name: connection state; n1 client connections in that state (ours excluded)
--   database  name: database; n1 transactions (commit + rollback), n2 blocks hit, n3 blocks read,
--             n4 tuples read, n5 tuples written, n6 temp bytes, n7 deadlocks
-- Lag: on a primary its furthest streaming replica; on a replica its own receive-replay distance,
-- and the replay delay only while WAL waits to be replayed (an idle primary sends nothing to
-- replay, which is no lag).
WITH activity AS (
    SELECT coalesce(a.state, 'unknown') AS state, a.xact_start
    FROM pg_catalog.pg_stat_get_activity(NULL) a
    WHERE a.backend_type = 'client backend' AND a.pid <> pg_catalog.pg_backend_pid()
), senders AS (
    SELECT count(*) AS replicas,
           max(pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_lsn(), w.replay_lsn))::bigint AS lag_bytes,
           (1000 * extract(epoch FROM max(w.replay_lag)))::bigint AS lag_ms
    FROM pg_catalog.pg_stat_get_wal_senders() w
    WHERE NOT pg_catalog.pg_is_in_recovery()
), recovery AS (
    SELECT pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_last_wal_receive_lsn(),
                                      pg_catalog.pg_last_wal_replay_lsn())::bigint AS lag_bytes,
           CASE WHEN pg_catalog.pg_last_wal_receive_lsn() = pg_catalog.pg_last_wal_replay_lsn() THEN 0
                ELSE (1000 * extract(epoch FROM pg_catalog.clock_timestamp()
                                               - pg_catalog.pg_last_xact_replay_timestamp()))::bigint
           END AS lag_ms
    WHERE pg_catalog.pg_is_in_recovery()
)
SELECT 'server'::text AS kind,
       CASE WHEN pg_catalog.pg_is_in_recovery() THEN 'replica' ELSE 'primary' END AS name,
       (SELECT count(*) FROM pg_catalog.pg_lock_status() l WHERE NOT l.granted) AS n1,
       (SELECT (1000 * extract(epoch FROM pg_catalog.clock_timestamp() - min(a.xact_start)))::bigint
        FROM activity a) AS n2,
       coalesce((SELECT lag_bytes FROM recovery), (SELECT lag_bytes FROM senders), 0) AS n3,
       coalesce((SELECT lag_ms FROM recovery), (SELECT lag_ms FROM senders), 0) AS n4,
       coalesce((SELECT replicas FROM senders), 0) AS n5,
       NULL::bigint AS n6,
       NULL::bigint AS n7
UNION ALL
SELECT 'activity', a.state, count(*), NULL, NULL, NULL, NULL, NULL, NULL
FROM activity a
GROUP BY a.state
UNION ALL
SELECT 'database', d.datname, d.xact_commit + d.xact_rollback, d.blks_hit, d.blks_read,
       d.tup_returned, d.tup_inserted + d.tup_updated + d.tup_deleted, d.temp_bytes, d.deadlocks
FROM pg_catalog.pg_stat_database d
WHERE d.datname IS NOT NULL
UNION ALL
-- No figures: our own statistics reach shared memory as this statement ends rather than up to
-- 10 s later, so each sample sees exactly our earlier statements, which the sampler subtracts.
SELECT 'flush', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM pg_catalog.pg_stat_force_next_flush()
