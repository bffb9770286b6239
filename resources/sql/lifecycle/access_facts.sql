-- What keeping the application roles $3 (a JSON array of names) out of schema $1 (in this
-- database) or database $2 (on this server) depends on, seen as the current user (the admin) with
-- the fleet's owner role $4 and support role $5. No row when the schema or database does not exist.
--   owner, owner_super: who owns it; admin_acts: the admin has that role's privileges (it may
--   revoke, grant and drop as the owner); apps_owning: application roles that own it or are members
--   of its owner (owners keep every privilege: the ownership has to move); apps_super: application
--   roles no privilege keeps out (superusers; for shared tables also BYPASSRLS); apps_in_fleet_owner:
--   application roles that are members of the fleet's owner role (which the ownership moves to);
--   admin_in_fleet_owner, admin_creates_schemas, admin_createdb: what moving the ownership needs;
--   support_reaches, support_granted: the support role may use it, and by a grant of its own (not
--   only through PUBLIC or a group, which shutting the application out may revoke).
WITH obj AS (
    SELECT n.oid, n.nspowner AS owner, n.nspacl AS acl, 'n'::"char" AS kind
    FROM pg_catalog.pg_namespace n WHERE n.nspname = $1
    UNION ALL
    SELECT d.oid, d.datdba, d.datacl, 'd'::"char" FROM pg_catalog.pg_database d WHERE d.datname = $2
), apps AS (
    SELECT r.oid, r.rolname, r.rolsuper, r.rolbypassrls
    FROM pg_catalog.jsonb_array_elements_text($3::jsonb) a
    JOIN pg_catalog.pg_roles r ON r.rolname = a
), fleet_owner AS (
    SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = $4
), support AS (
    SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = $5
)
SELECT pg_catalog.pg_get_userbyid(o.owner) AS owner,
       (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.oid = o.owner) AS owner_super,
       pg_catalog.pg_has_role(current_user, o.owner, 'USAGE') AS admin_acts,
       pg_catalog.to_json(ARRAY(SELECT apps.rolname::text FROM apps
                                WHERE pg_catalog.pg_has_role(apps.oid, o.owner, 'MEMBER') ORDER BY 1)) AS apps_owning,
       pg_catalog.to_json(ARRAY(SELECT apps.rolname::text FROM apps WHERE apps.rolsuper ORDER BY 1)) AS apps_super,
       pg_catalog.to_json(ARRAY(SELECT apps.rolname::text FROM apps, fleet_owner f
                                WHERE pg_catalog.pg_has_role(apps.oid, f.oid, 'MEMBER') ORDER BY 1))
           AS apps_in_fleet_owner,
       EXISTS (SELECT FROM fleet_owner f WHERE pg_catalog.pg_has_role(current_user, f.oid, 'MEMBER'))
           AS admin_in_fleet_owner,
       pg_catalog.has_database_privilege(current_user, pg_catalog.current_database(), 'CREATE')
           AS admin_creates_schemas,
       (SELECT r.rolcreatedb OR r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = current_user)
           AS admin_createdb,
       current_user::text AS admin,
       EXISTS (SELECT FROM fleet_owner) AS fleet_owner_exists,
       EXISTS (SELECT FROM support s
               WHERE CASE o.kind WHEN 'n' THEN pg_catalog.has_schema_privilege(s.oid, o.oid, 'USAGE')
                                 ELSE pg_catalog.has_database_privilege(s.oid, o.oid, 'CONNECT') END)
           AS support_reaches,
       EXISTS (SELECT FROM support s,
                      pg_catalog.aclexplode(coalesce(o.acl, pg_catalog.acldefault(o.kind, o.owner))) a
               WHERE a.grantee = s.oid AND a.privilege_type IN ('USAGE', 'CONNECT')) AS support_granted
FROM obj o
