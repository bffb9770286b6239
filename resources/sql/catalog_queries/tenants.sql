-- The tenant list: one row per tenant, by slug. $1: how many (NULL: all), $2: how many to skip.
-- Column order is decoded by position in CatalogClient::loadTenants().
SELECT id, slug, display_name, isolation_model, shard_id, state,
       extract(epoch FROM created_at)::bigint
FROM tenantdesk.tenants
ORDER BY slug
LIMIT $1 OFFSET $2
