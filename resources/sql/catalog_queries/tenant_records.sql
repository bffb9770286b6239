-- Tenants as TenantRecord holds them, with their shard and its primary endpoint (NULL when it has
-- none), then what the views that extend the record need: created, updated (epoch seconds), whether
-- the data of a 'deleting' tenant may go now, seconds since the row last changed, the primary's
-- pooling and the shard's application roles and tenant owner (NULL: the fleet's). The one projection every tenant loader shares; each
-- filter is NULL for any: $1 tenant id, $2 slug, $3 shard id; $4 a slug prefix (empty: any). By slug.
SELECT t.id, t.slug, t.display_name, t.isolation_model, t.state, t.schema_name, t.database_name, t.tenant_key,
       t.template_name, t.template_version, extract(epoch FROM t.purge_after)::bigint,
       s.id, s.name, s.tenant_database, s.state, s.capacity, e.host, e.port,
       extract(epoch FROM t.created_at)::bigint, extract(epoch FROM t.updated_at)::bigint,
       coalesce(t.purge_after <= now(), true), extract(epoch FROM now() - t.updated_at)::float8,
       -- read from the row: catalogs before version 5 have no column pooling
       coalesce(to_jsonb(e) ->> 'pooling', 'none'),
       -- the shard's own application roles as JSON ('null': the fleet's); catalogs before version 6 have none
       (to_jsonb(s) -> 'app_roles')::text, to_jsonb(s) ->> 'tenant_owner'
FROM tenantdesk.tenants t
JOIN tenantdesk.shards s ON s.id = t.shard_id
LEFT JOIN tenantdesk.endpoints e ON e.shard_id = s.id AND e.role = 'primary'
WHERE ($1::bigint IS NULL OR t.id = $1)
  AND ($2::text IS NULL OR t.slug = $2)
  AND ($3::integer IS NULL OR t.shard_id = $3)
  AND starts_with(t.slug, $4)
ORDER BY t.slug
