-- The schemas of this database that may belong to tenants (all but PostgreSQL's own, public, the
-- shared tables' and TenantDesk's records), with their owner and whether any of the application
-- roles $1 (a JSON array of names) may use them, by any way the server grants it. Reconcile finds
-- each tenant's schema here by its recorded name.
SELECT n.nspname, pg_catalog.pg_get_userbyid(n.nspowner),
       EXISTS (SELECT FROM pg_catalog.jsonb_array_elements_text($1::jsonb) a
               JOIN pg_catalog.pg_roles r ON r.rolname = a
               WHERE pg_catalog.has_schema_privilege(r.oid, n.oid, 'USAGE'))
FROM pg_catalog.pg_namespace n
WHERE n.nspname !~ '^pg_' AND n.nspname NOT IN ('information_schema', 'public', 'shared', 'tenantdesk_shard')
ORDER BY 1
