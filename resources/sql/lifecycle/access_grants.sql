-- The grants through which the application roles $3 (a JSON array of names) reach schema $1 (in
-- this database) or database $2 (on this server): USAGE and CREATE on the schema, CONNECT and
-- TEMPORARY on the database, granted to PUBLIC (grantee NULL) or to a role an application role is
-- a member of (itself or a group). The owner's own privileges are not grants: they go with the
-- ownership. Without an explicit ACL, the defaults count (PUBLIC may connect to a database).
WITH apps AS (
    SELECT r.oid
    FROM pg_catalog.jsonb_array_elements_text($3::jsonb) a
    JOIN pg_catalog.pg_roles r ON r.rolname = a
), acl AS (
    SELECT n.nspowner AS owner, g.grantee, g.privilege_type
    FROM pg_catalog.pg_namespace n,
         pg_catalog.aclexplode(coalesce(n.nspacl, pg_catalog.acldefault('n', n.nspowner))) g
    WHERE n.nspname = $1 AND g.privilege_type IN ('USAGE', 'CREATE')
    UNION ALL
    SELECT d.datdba, g.grantee, g.privilege_type
    FROM pg_catalog.pg_database d,
         pg_catalog.aclexplode(coalesce(d.datacl, pg_catalog.acldefault('d', d.datdba))) g
    WHERE d.datname = $2 AND g.privilege_type IN ('CONNECT', 'TEMPORARY')
)
SELECT CASE WHEN acl.grantee = 0 THEN NULL ELSE pg_catalog.pg_get_userbyid(acl.grantee) END AS grantee,
       pg_catalog.to_json(pg_catalog.array_agg(DISTINCT acl.privilege_type::text)) AS privileges
FROM acl
WHERE acl.grantee <> acl.owner
  AND (acl.grantee = 0 OR EXISTS (SELECT FROM apps WHERE pg_catalog.pg_has_role(apps.oid, acl.grantee, 'MEMBER')))
GROUP BY acl.grantee
ORDER BY 1 NULLS FIRST
