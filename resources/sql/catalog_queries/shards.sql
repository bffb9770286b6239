-- Every shard, by id, with its own application roles as JSON ('null': the fleet's; read from the
-- row, as catalogs before version 6 have no such column).
SELECT id, name, tenant_database, capacity, state, (to_jsonb(s) -> 'app_roles')::text
FROM tenantdesk.shards s
ORDER BY id
