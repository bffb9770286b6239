-- What an endpoint is: in recovery or not, and, in recovery, whom it streams from.
-- sender_host and sender_port need pg_monitor (pg_read_all_stats); NULL without it.
SELECT pg_is_in_recovery(),
       (SELECT status FROM pg_catalog.pg_stat_wal_receiver),
       (SELECT sender_host FROM pg_catalog.pg_stat_wal_receiver),
       (SELECT sender_port FROM pg_catalog.pg_stat_wal_receiver)
