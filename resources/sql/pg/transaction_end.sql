-- Ends the server session whose transaction is $1 (an id with its epoch; pg_stat_activity shows
-- it without the epoch) and waits up to $2 ms for it to exit. A COMMIT past its commit record
-- completes first; one before it rolls back: either way the outcome is then final.
SELECT pg_catalog.pg_terminate_backend(a.pid, $2::bigint)
FROM pg_catalog.pg_stat_activity a
WHERE a.backend_xid::text = ($1::bigint % 4294967296)::text
  AND a.pid <> pg_catalog.pg_backend_pid()
