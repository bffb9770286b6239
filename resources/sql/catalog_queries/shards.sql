-- Every shard, by id.
SELECT id, name, tenant_database, capacity, state
FROM tenantdesk.shards
ORDER BY id
