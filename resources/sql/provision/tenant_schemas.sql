-- The schemas of this database that may belong to tenants (all but PostgreSQL's own, public, the
-- shared tables' and TenantDesk's records), with their owner and whether the application role $1
-- may use them.
SELECT n.nspname, pg_catalog.pg_get_userbyid(n.nspowner), pg_catalog.has_schema_privilege($1, n.oid, 'USAGE')
FROM pg_catalog.pg_namespace n
WHERE n.nspname !~ '^pg_' AND n.nspname NOT IN ('information_schema', 'public', 'shared', 'tenantdesk_shard')
ORDER BY 1
