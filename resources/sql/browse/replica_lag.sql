-- Whether this server is a replica, and how far behind its primary it is in seconds: 0 when it
-- has replayed everything it received, NULL when it has replayed nothing yet.
SELECT pg_is_in_recovery(),
       CASE WHEN NOT pg_is_in_recovery() THEN 0::float8
            WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0::float8
            ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8
       END
