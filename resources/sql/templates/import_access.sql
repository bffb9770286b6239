-- What keeps the current user from reading the definitions of schema $1 (NULL: of every schema
-- of this database but the system ones and $2, TenantDesk's records) with pg_dump, which needs
-- USAGE on each schema and SELECT on each table to lock it: (kind, schema, name, owner), one row
-- per schema or relation that lacks it.
SELECT 'schema' AS kind, n.nspname, '' AS name, pg_catalog.pg_get_userbyid(n.nspowner) AS owner
FROM pg_catalog.pg_namespace n
WHERE (n.nspname = $1::text
       OR ($1::text IS NULL AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
           AND n.nspname <> $2::text))
  AND NOT pg_catalog.has_schema_privilege(n.oid, 'USAGE')
UNION ALL
SELECT 'relation', n.nspname, c.relname, pg_catalog.pg_get_userbyid(c.relowner)
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
  AND (n.nspname = $1::text
       OR ($1::text IS NULL AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
           AND n.nspname <> $2::text))
  AND NOT pg_catalog.has_table_privilege(c.oid, 'SELECT')
  AND NOT (c.relkind = 'S' AND pg_catalog.has_sequence_privilege(c.oid, 'USAGE'))
ORDER BY 1 DESC, 2, 3
