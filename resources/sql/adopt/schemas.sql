-- The schemas of this database that may hold a tenant, with their owner: not PostgreSQL's own,
-- not public (what a schema-per-tenant application shares), not TenantDesk's records, shared
-- tables or catalog.
SELECT n.nspname, pg_catalog.pg_get_userbyid(n.nspowner)
  FROM pg_catalog.pg_namespace n
 WHERE n.nspname !~ '^pg_'
   AND n.nspname NOT IN ('information_schema', 'public', 'shared', 'tenantdesk_shard', 'tenantdesk')
 ORDER BY 1
