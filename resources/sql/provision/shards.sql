-- The shard named $1, or every shard when $1 is NULL, with its primary endpoint and how many
-- tenants it holds; the active shards with a primary and the most headroom (capacity - tenants)
-- first, so that the first row is where an automatic placement goes. The count is per shard
-- (an index-only scan of tenants_shard), so asking for one shard counts only its tenants.
-- The primary's pooling, the shard's application roles (JSON, 'null': the fleet's) and the owner
-- of its new tenants (NULL: the fleet's owner role) are read
-- from the rows: catalogs before versions 5 and 6 have no such columns.
SELECT s.id, s.name, s.tenant_database, s.state, s.capacity, c.tenants, e.host, e.port,
       coalesce(to_jsonb(e) ->> 'pooling', 'none'), (to_jsonb(s) -> 'app_roles')::text, to_jsonb(s) ->> 'tenant_owner'
FROM tenantdesk.shards s
CROSS JOIN LATERAL (SELECT count(*) AS tenants FROM tenantdesk.tenants t WHERE t.shard_id = s.id) c
LEFT JOIN tenantdesk.endpoints e ON e.shard_id = s.id AND e.role = 'primary'
WHERE $1::text IS NULL OR s.name = $1
ORDER BY (s.state = 'active' AND e.host IS NOT NULL) DESC, s.capacity - c.tenants DESC, s.id
