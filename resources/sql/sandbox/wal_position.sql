-- Where the primary's WAL ends now: the replica has caught up when it has replayed past this.
SELECT pg_catalog.pg_current_wal_lsn()
