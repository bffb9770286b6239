-- Ends the server process $1 and waits up to $2 ms for it to exit. A COMMIT past its commit record
-- completes first; one before it rolls back: either way the outcome is then final.
SELECT pg_catalog.pg_terminate_backend(pid, $2) FROM pg_catalog.pg_stat_activity WHERE pid = $1
