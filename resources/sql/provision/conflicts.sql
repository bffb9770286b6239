-- Tenants a new tenant would collide with: the same slug ($1), a slug naming the same identifier
-- ($2: tenant-a and tenant_a both name tenant_a), or on shard $3 the same schema ($4) or
-- database ($5). A failed tenant of the same slug is one that provisioning may retry.
SELECT t.slug, t.state, t.isolation_model, s.name AS shard, t.updated_at::text
FROM tenantdesk.tenants t
JOIN tenantdesk.shards s ON s.id = t.shard_id
WHERE t.slug = $1
   OR replace(t.slug, '-', '_') = $2
   OR (t.shard_id = $3 AND (t.schema_name = $4 OR t.database_name = $5))
ORDER BY t.slug = $1 DESC, t.slug
