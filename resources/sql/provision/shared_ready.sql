-- Whether this shard database is ready for shared-table tenants: TenantDesk's records, the schema
-- of the shared tables, and the suspension guard on every table under row-level security.
SELECT pg_catalog.to_regclass('tenantdesk_shard.suspended_tenants') IS NOT NULL
   AND EXISTS (SELECT FROM pg_catalog.pg_namespace WHERE nspname = 'shared')
   AND NOT EXISTS (SELECT FROM pg_catalog.pg_class c
                   JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'shared' AND c.relkind IN ('r', 'p') AND c.relrowsecurity
                     AND NOT EXISTS (SELECT FROM pg_catalog.pg_policy p
                                     WHERE p.polrelid = c.oid AND p.polname = 'tenantdesk_not_suspended'))
