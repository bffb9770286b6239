-- What already exists on a shard under a new tenant's names: schema $1 in this database, and
-- database $2 on this server.
SELECT EXISTS (SELECT FROM pg_catalog.pg_namespace WHERE nspname = $1),
       EXISTS (SELECT FROM pg_catalog.pg_database WHERE datname = $2)
