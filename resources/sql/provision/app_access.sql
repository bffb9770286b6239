-- Whether the application role may reach schema $1 (USAGE) in this database and database $2
-- (CONNECT) on this server; NULL for a name that does not exist (or is NULL).
SELECT (SELECT pg_catalog.has_schema_privilege('tenantdesk_app', n.oid, 'USAGE')
        FROM pg_catalog.pg_namespace n WHERE n.nspname = $1),
       (SELECT pg_catalog.has_database_privilege('tenantdesk_app', d.oid, 'CONNECT')
        FROM pg_catalog.pg_database d WHERE d.datname = $2)
