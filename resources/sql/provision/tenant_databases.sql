-- The databases of this server named like tenant databases (tenant_<identifier>; not the template
-- databases tenant_template...), with their owner and whether the application role $1 may connect.
SELECT d.datname, pg_catalog.pg_get_userbyid(d.datdba), pg_catalog.has_database_privilege($1, d.oid, 'CONNECT')
FROM pg_catalog.pg_database d
WHERE d.datname LIKE 'tenant\_%' AND d.datname NOT LIKE 'tenant\_template%' AND NOT d.datistemplate
ORDER BY 1
