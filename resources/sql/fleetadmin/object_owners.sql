-- The roles owning objects on this shard that TenantDesk's admin role $1 must act for: the owners
-- of this database's schemas and tables (adopt reads the application's tenant tables, suspension
-- revokes on them, a template import reads them) and of the tenant databases $3 (a JSON array);
-- not superusers, PostgreSQL's own roles, the admin role, nor TenantDesk's owner role $2 (checked
-- on its own). One row per role: whether the admin may use its privileges (a member that
-- inherits), how many objects it owns, and the first few of them.
WITH owned(owner, what) AS (
    SELECT n.nspowner, pg_catalog.format('schema %I', n.nspname)
      FROM pg_catalog.pg_namespace n
     WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'tenantdesk_shard') AND n.nspname NOT LIKE 'pg\_%'
    UNION ALL
    SELECT c.relowner, pg_catalog.format('table %I.%I', n.nspname, c.relname)
      FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f')
       AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'tenantdesk_shard') AND n.nspname NOT LIKE 'pg\_%'
    UNION ALL
    SELECT d.datdba, pg_catalog.format('database %I', d.datname)
      FROM pg_catalog.pg_database d
     WHERE d.datname IN (SELECT pg_catalog.jsonb_array_elements_text($3::jsonb))
)
SELECT r.rolname, pg_catalog.pg_has_role($1, r.oid, 'USAGE'), count(*),
       pg_catalog.array_to_string((pg_catalog.array_agg(o.what ORDER BY o.what))[1:3], ', ')
  FROM owned o JOIN pg_catalog.pg_roles r ON r.oid = o.owner
 WHERE NOT r.rolsuper AND r.rolname NOT LIKE 'pg\_%' AND r.rolname <> $1 AND r.rolname <> $2
 GROUP BY r.rolname, r.oid
 ORDER BY 1
