-- Tenant $1 (slug) as lifecycle actions need it: its catalog row, its shard with the primary
-- endpoint, and how long its data is still kept (state 'deleting').
SELECT t.id, t.slug, t.display_name, t.isolation_model, t.state, t.schema_name, t.database_name, t.tenant_key,
       t.template_name, t.template_version, t.purge_after::text, coalesce(t.purge_after <= now(), true),
       extract(epoch FROM now() - t.updated_at)::float8,
       s.id, s.name, s.tenant_database, s.state, s.capacity, e.host, e.port
FROM tenantdesk.tenants t
JOIN tenantdesk.shards s ON s.id = t.shard_id
LEFT JOIN tenantdesk.endpoints e ON e.shard_id = s.id AND e.role = 'primary'
WHERE t.slug = $1
