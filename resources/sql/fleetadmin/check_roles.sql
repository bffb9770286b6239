-- The roles and rights each TenantDesk action needs on a shard, for role names $1 (owner),
-- $2 (admin), $3 (support), $4 (application roles, JSON array), tenant database $5 and the
-- application role that owns new tenants $6 (NULL: the owner role does).
-- One row per fact, in the order the fixes must run (roles, then the database, then rights):
-- what (a key), the role, its kind, whether it holds. A right of a role or database that does
-- not exist is reported as not held (and not asked: the privilege functions throw on it), so one
-- round of fixes settles everything. An application role that does not exist gets no rights
-- asked: prepare never creates it (the application owns its role), and a grant to it would fail.
WITH names(role, kind) AS (
    VALUES ($1::text, 'owner'), ($2::text, 'admin'), ($3::text, 'support')
    UNION ALL
    SELECT a, 'app' FROM jsonb_array_elements_text($4::jsonb) a
),
roles AS (
    SELECT n.role, n.kind, r.oid IS NOT NULL AS present, coalesce(r.rolcanlogin, false) AS login,
           coalesce(r.rolcreatedb, false) AS createdb
      FROM names n LEFT JOIN pg_catalog.pg_roles r ON r.rolname = n.role
),
owner AS (SELECT role, present FROM roles WHERE kind = 'owner'),
db AS (SELECT EXISTS (SELECT FROM pg_catalog.pg_database WHERE datname = $5) AS present),
facts(ord, what, role, kind, holds) AS (
    SELECT 1, 'exists', role, kind, present FROM roles
    UNION ALL
    SELECT 2, 'database_exists', $5, 'database', present FROM db
    UNION ALL
    SELECT 3, 'login', role, kind, login FROM roles WHERE kind = 'support' AND present  -- CREATE ROLE gives LOGIN
    UNION ALL
    SELECT 4, 'createdb', role, kind, createdb FROM roles WHERE kind = 'admin'
    UNION ALL
    SELECT 5, 'set_role_owner', a.role, 'admin',
           CASE WHEN a.present AND o.present THEN pg_catalog.pg_has_role(a.role, o.role, 'MEMBER') ELSE false END
      FROM roles a, owner o WHERE a.kind = 'admin'
    UNION ALL
    SELECT 5, 'set_role_tenant_owner', a.role, 'admin',
           CASE WHEN a.present AND t.present THEN pg_catalog.pg_has_role(a.role, t.role, 'MEMBER') ELSE false END
      FROM roles a, roles t WHERE a.kind = 'admin' AND t.kind = 'app' AND t.role = $6
    UNION ALL
    SELECT 6, 'pg_monitor', role, kind,
           CASE WHEN present THEN pg_catalog.pg_has_role(role, 'pg_monitor', 'USAGE') ELSE false END
      FROM roles WHERE kind = 'admin'
    UNION ALL
    SELECT 7, 'database_create', r.role, r.kind,
           CASE WHEN r.present AND db.present THEN pg_catalog.has_database_privilege(r.role, $5, 'CREATE') ELSE false END
      FROM roles r, db WHERE r.kind = 'owner'
    UNION ALL
    SELECT 8, 'database_connect', r.role, r.kind,
           CASE WHEN r.present AND db.present THEN pg_catalog.has_database_privilege(r.role, $5, 'CONNECT') ELSE false END
      FROM roles r, db WHERE r.kind = 'support' OR (r.kind = 'app' AND r.present)
)
SELECT what, role, kind, holds FROM facts ORDER BY ord, kind, role
