-- Hands the password verifier $2 of role $1 to roles.sql, for the rest of the transaction only.
SELECT pg_catalog.set_config('sandbox.verifier_' || $1, $2, true)
