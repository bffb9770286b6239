-- The databases of this server that may hold a tenant (all but templates), with their owner and
-- whether any of the application roles $1 (a JSON array of names) may connect, by any way the
-- server grants it. Reconcile finds each tenant's database here by its recorded name.
SELECT d.datname, pg_catalog.pg_get_userbyid(d.datdba),
       EXISTS (SELECT FROM pg_catalog.jsonb_array_elements_text($1::jsonb) a
               JOIN pg_catalog.pg_roles r ON r.rolname = a
               WHERE pg_catalog.has_database_privilege(r.oid, d.oid, 'CONNECT'))
FROM pg_catalog.pg_database d
WHERE NOT d.datistemplate
ORDER BY 1
