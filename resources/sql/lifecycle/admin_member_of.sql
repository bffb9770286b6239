-- Whether the current user (the admin) is a member of role $1 (it may make that role an owner);
-- no row when the role does not exist on this server.
SELECT pg_catalog.pg_has_role(current_user, r.oid, 'MEMBER')
FROM pg_catalog.pg_roles r
WHERE r.rolname = $1
