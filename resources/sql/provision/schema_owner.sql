-- The owner of schema $1 in this database; no row when there is no such schema.
SELECT pg_catalog.pg_get_userbyid(n.nspowner)::text FROM pg_catalog.pg_namespace n WHERE n.nspname = $1
