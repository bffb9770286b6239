-- Whether the role of a support session can only read the tenant: one row with the role, whether
-- it is a superuser, whether it has BYPASSRLS, and the first object of the tenant's that it (or a
-- role it belongs to) owns or may change (NULL: none): the database, a schema, or a table, view or
-- foreign table in it. $1: the tenant's schema, or NULL for every schema of the database
-- (database tenants, and the shared tables).
WITH scope AS (
    SELECT n.oid, n.nspname, n.nspowner
    FROM pg_catalog.pg_namespace n
    WHERE CASE WHEN $1::text IS NULL THEN n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
               ELSE n.nspname = $1::text END
),
changeable AS (
    SELECT 'database ' || pg_catalog.quote_ident(d.datname) AS object
    FROM pg_catalog.pg_database d
    WHERE d.datname = pg_catalog.current_database()
      AND (pg_catalog.pg_has_role(d.datdba, 'USAGE') OR pg_catalog.has_database_privilege(d.oid, 'CREATE'))
    UNION ALL
    SELECT 'schema ' || pg_catalog.quote_ident(s.nspname)
    FROM scope s
    WHERE pg_catalog.pg_has_role(s.nspowner, 'USAGE') OR pg_catalog.has_schema_privilege(s.oid, 'CREATE')
    UNION ALL
    SELECT CASE c.relkind WHEN 'v' THEN 'view ' WHEN 'm' THEN 'materialized view '
                          WHEN 'f' THEN 'foreign table ' ELSE 'table ' END
           || pg_catalog.quote_ident(s.nspname) || '.' || pg_catalog.quote_ident(c.relname)
    FROM scope s
    JOIN pg_catalog.pg_class c ON c.relnamespace = s.oid
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
      AND (pg_catalog.pg_has_role(c.relowner, 'USAGE')
           OR pg_catalog.has_table_privilege(c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE')
           OR pg_catalog.has_any_column_privilege(c.oid, 'INSERT, UPDATE'))
)
SELECT r.rolname, r.rolsuper, r.rolbypassrls, (SELECT object FROM changeable LIMIT 1)
FROM pg_catalog.pg_roles r
WHERE r.rolname = current_user
