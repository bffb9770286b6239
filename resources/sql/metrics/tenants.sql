-- What one endpoint reports every few ticks (EndpointSampler::setTenantsEvery): the load of each
-- schema of the connected database (a schema tenant). Its cost grows with the number of tables,
-- so it is kept out of the per-tick statement.
--   schema  name: the schema; n1 tuples read (sequential scans plus rows fetched through
--           indexes, as in pg_stat_user_tables), n2 tuples written
-- pg_class is read directly: pg_stat_user_tables groups every table with its indexes first.
SELECT 'schema'::text AS kind, n.nspname AS name,
       sum(CASE WHEN c.relkind = 'i' THEN 0 ELSE pg_catalog.pg_stat_get_tuples_returned(c.oid) END
           + pg_catalog.pg_stat_get_tuples_fetched(c.oid))::bigint AS n1,
       sum(CASE WHEN c.relkind = 'i' THEN 0
                ELSE pg_catalog.pg_stat_get_tuples_inserted(c.oid) + pg_catalog.pg_stat_get_tuples_updated(c.oid)
                     + pg_catalog.pg_stat_get_tuples_deleted(c.oid) END)::bigint AS n2
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'm', 'i') AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
GROUP BY n.nspname
UNION ALL
-- No figures: our own statistics are flushed as this statement ends (see sample.sql).
SELECT 'flush', NULL, NULL, NULL
FROM pg_catalog.pg_stat_force_next_flush()
