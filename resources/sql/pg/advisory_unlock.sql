-- Releases the session-level advisory lock on key $1.
SELECT pg_catalog.pg_advisory_unlock(pg_catalog.hashtext($1))
