-- Takes the session-level advisory lock on key $1 when it is free, and says whether it did.
SELECT pg_catalog.pg_try_advisory_lock(pg_catalog.hashtext($1))
