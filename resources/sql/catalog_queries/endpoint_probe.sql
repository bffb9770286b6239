-- The health of one endpoint, in one round trip: recovery, version, size of the shard's tenant
-- database (the one connected to), and replication lag in seconds (0 when the replica has replayed
-- all it received; NULL when unknown). Runs with search_path = pg_catalog, set at connection start.
-- One database, not every one on the server: pg_database_size() stats each file of a database, so
-- a server-wide sum costs a probe about 0.7 ms per database (seconds on a server of database
-- tenants), and every shard sharing the server would pay it again.
SELECT pg_is_in_recovery(),
       current_setting('server_version'),
       pg_database_size(current_database()),
       CASE WHEN NOT pg_is_in_recovery() THEN 0
            WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
            ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8
       END
