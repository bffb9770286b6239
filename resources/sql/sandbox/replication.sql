-- The replica whose application_name is $1, as its primary sees it: the walsender state, whether
-- it has replayed up to LSN $2, and how many bytes of WAL it has yet to replay.
SELECT state,
       coalesce(replay_lsn >= $2::pg_lsn, false) AS caught_up,
       coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint, -1) AS lag_bytes
FROM pg_catalog.pg_stat_replication
WHERE application_name = $1;
