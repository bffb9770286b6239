-- Whether this shard database is ready for shared-table tenants: TenantDesk's records, the schema
-- of the shared tables, and the suspension guard on every table under row-level security, for
-- exactly the application roles $1 (a JSON array of role names).
SELECT pg_catalog.to_regclass('tenantdesk_shard.suspended_tenants') IS NOT NULL
   AND EXISTS (SELECT FROM pg_catalog.pg_namespace WHERE nspname = 'shared')
   AND NOT EXISTS (
       SELECT FROM pg_catalog.pg_class c
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'shared' AND c.relkind IN ('r', 'p') AND c.relrowsecurity
         AND pg_catalog.jsonb_array_length($1::jsonb) > 0
         AND NOT EXISTS (
             SELECT FROM pg_catalog.pg_policy p
             WHERE p.polrelid = c.oid AND p.polname = 'tenantdesk_not_suspended'
               AND ARRAY(SELECT o FROM pg_catalog.unnest(p.polroles) o ORDER BY 1) =
                   ARRAY(SELECT (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = a)
                         FROM pg_catalog.jsonb_array_elements_text($1::jsonb) a ORDER BY 1)))
