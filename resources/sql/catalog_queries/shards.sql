-- Every shard, by id, with its own application roles as JSON ('null': the fleet's) and the owner
-- of its new tenants (NULL: the fleet's owner role); read from the row, as catalogs before
-- version 6 have no such columns.
SELECT id, name, tenant_database, capacity, state, (to_jsonb(s) -> 'app_roles')::text, to_jsonb(s) ->> 'tenant_owner'
FROM tenantdesk.shards s
ORDER BY id
