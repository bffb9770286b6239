-- How the support role $1 reaches the tenant schemas $2 of this database (a JSON array; NULL: every
-- schema holding tables but the system's and TenantDesk's own, for a database tenant): one row per
-- schema, with its owner, whether support has USAGE on it, the tables and views it may not SELECT
-- (not an extension's, nor a superuser's: those are no tenant's data), and the roles whose future tables there it would not read (no default privilege,
-- for the schema or the whole database, grants it SELECT): those owning its tables, else the
-- schema's owner. TenantDesk's owner role $3 needs none (TenantDesk grants on each table it
-- makes), superusers and PostgreSQL's own roles cannot be given one. No rows when $1 does not
-- exist (a check of its own).
WITH support AS (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = $1),
schemas AS (
    SELECT n.oid, n.nspname, n.nspowner
      FROM pg_catalog.pg_namespace n
     WHERE CASE WHEN $2::jsonb IS NULL
                THEN n.nspname NOT IN ('pg_catalog', 'information_schema', 'tenantdesk_shard')
                     AND n.nspname NOT LIKE 'pg\_%'
                     AND EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.relnamespace = n.oid)
                ELSE n.nspname IN (SELECT pg_catalog.jsonb_array_elements_text($2::jsonb)) END
),
rels AS (
    SELECT c.oid, c.relnamespace, c.relowner
      FROM pg_catalog.pg_class c JOIN schemas s ON s.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f')
),
creators AS (
    SELECT DISTINCT s.oid AS nsp, coalesce(r.relowner, s.nspowner) AS owner
      FROM schemas s LEFT JOIN rels r ON r.relnamespace = s.oid
)
SELECT s.nspname, pg_catalog.pg_get_userbyid(s.nspowner),
       pg_catalog.has_schema_privilege(u.oid, s.oid, 'USAGE'),
       pg_catalog.to_jsonb(ARRAY(
           SELECT c.relname FROM rels r JOIN pg_catalog.pg_class c ON c.oid = r.oid
             JOIN pg_catalog.pg_roles o ON o.oid = r.relowner
            WHERE r.relnamespace = s.oid AND NOT pg_catalog.has_table_privilege(u.oid, r.oid, 'SELECT')
              AND NOT o.rolsuper
              AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend d
                               WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = r.oid
                                 AND d.deptype = 'e')
            ORDER BY 1)),
       pg_catalog.to_jsonb(ARRAY(
           SELECT o.rolname
             FROM creators c JOIN pg_catalog.pg_roles o ON o.oid = c.owner
            WHERE c.nsp = s.oid AND o.rolname <> $3 AND NOT o.rolsuper AND o.rolname NOT LIKE 'pg\_%'
              AND NOT EXISTS (SELECT FROM pg_catalog.pg_default_acl d, pg_catalog.aclexplode(d.defaclacl) a
                               WHERE d.defaclrole = c.owner AND d.defaclnamespace IN (s.oid, 0)
                                 AND d.defaclobjtype = 'r' AND a.grantee = u.oid AND a.privilege_type = 'SELECT')
            ORDER BY 1))
  FROM schemas s, support u
 ORDER BY 1
