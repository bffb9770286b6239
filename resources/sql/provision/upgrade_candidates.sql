-- The tenants of template $1 and isolation model $2 at version $3 - 1 that an upgrade to version
-- $3 applies to (active, suspended or archived), by shard and slug. With $4 (a JSON array of
-- slugs) only those, and for shared-table tenants every one on the same shard too: they share
-- the tables that the upgrade changes.
WITH chosen AS (
    SELECT t.id, t.shard_id, t.isolation_model
    FROM tenantdesk.tenants t
    WHERE t.template_name = $1 AND t.isolation_model = $2 AND t.template_version = $3::integer - 1
      AND t.state IN ('active', 'suspended', 'archived')
      AND ($4::jsonb IS NULL OR t.slug IN (SELECT jsonb_array_elements_text($4::jsonb)))
)
SELECT t.slug, s.name, t.template_version
FROM tenantdesk.tenants t
JOIN tenantdesk.shards s ON s.id = t.shard_id
WHERE t.template_name = $1 AND t.isolation_model = $2 AND t.template_version = $3::integer - 1
  AND t.state IN ('active', 'suspended', 'archived')
  AND (t.id IN (SELECT id FROM chosen)
       OR (t.isolation_model = 'shared' AND t.shard_id IN (SELECT shard_id FROM chosen)))
ORDER BY s.name, t.slug
