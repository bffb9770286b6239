-- Whether the application role $3 may reach schema $1 (USAGE) in this database and database $2
-- (CONNECT) on this server; NULL for a name that does not exist (or is NULL).
SELECT (SELECT pg_catalog.has_schema_privilege($3, n.oid, 'USAGE')
        FROM pg_catalog.pg_namespace n WHERE n.nspname = $1),
       (SELECT pg_catalog.has_database_privilege($3, d.oid, 'CONNECT')
        FROM pg_catalog.pg_database d WHERE d.datname = $2)
