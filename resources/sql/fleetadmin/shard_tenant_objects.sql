-- The schemas and databases of shard $1's tenants that support browses and suspension reaches
-- (active or suspended), by model: what `shards check` looks at beyond the roles.
SELECT isolation_model, coalesce(schema_name, database_name)
  FROM tenantdesk.tenants
 WHERE shard_id = $1 AND state IN ('active', 'suspended') AND isolation_model IN ('schema', 'database')
 ORDER BY 1, 2
