-- Waits for the session-level advisory lock on key $1 (AdvisoryLock::Wait).
SELECT pg_catalog.pg_advisory_lock(pg_catalog.hashtext($1))
