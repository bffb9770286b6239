-- The size of every database of an endpoint, measured rarely (EndpointSampler::setSizesEvery):
-- pg_database_size() walks the database's directory, about 0.7 ms per database, which is more
-- than the rest of a poll. NULL without the CONNECT privilege.
SELECT 'size'::text AS kind, d.datname AS name,
       CASE WHEN pg_catalog.has_database_privilege(d.oid, 'CONNECT')
            THEN pg_catalog.pg_database_size(d.oid) END AS n1
FROM pg_catalog.pg_database d
WHERE NOT d.datistemplate
UNION ALL
-- No figures: our own statistics are flushed as this statement ends (see sample.sql).
SELECT 'flush', NULL, NULL
FROM pg_catalog.pg_stat_force_next_flush()
