-- The health of one endpoint, in one round trip: recovery, version, size of the databases this
-- role may connect to, and replication lag in seconds (0 when the replica has replayed all it
-- received; NULL when unknown). Runs with search_path = pg_catalog, set at connection start.
SELECT pg_is_in_recovery(),
       current_setting('server_version'),
       (SELECT sum(pg_database_size(d.oid))::bigint
        FROM pg_database d
        WHERE d.datallowconn AND has_database_privilege(d.oid, 'CONNECT')),
       CASE WHEN NOT pg_is_in_recovery() THEN 0
            WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
            ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8
       END
