-- Who this catalog connection is, and what its role may do.
SELECT current_user, current_database(), r.rolsuper, r.rolcreatedb
FROM pg_catalog.pg_roles r
WHERE r.rolname = current_user
