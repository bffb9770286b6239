-- What the catalog already owns on the server at host $1, port $2 (every shard whose primary is
-- there): kind 'schema' (with the database it is in), 'database' (tenant databases, shards'
-- tenant databases and the databases of the applications' tables) and 'key' (every tenant key:
-- keys are unique across the fleet).
SELECT 'schema', t.schema_name, s.tenant_database
  FROM tenantdesk.tenants t
  JOIN tenantdesk.shards s ON s.id = t.shard_id
  JOIN tenantdesk.endpoints e ON e.shard_id = s.id AND e.role = 'primary'
 WHERE e.host = $1 AND e.port = $2 AND t.schema_name IS NOT NULL
UNION ALL
SELECT 'database', t.database_name, NULL
  FROM tenantdesk.tenants t
  JOIN tenantdesk.endpoints e ON e.shard_id = t.shard_id AND e.role = 'primary'
 WHERE e.host = $1 AND e.port = $2 AND t.database_name IS NOT NULL
UNION ALL
SELECT 'database', s.tenant_database, NULL
  FROM tenantdesk.shards s
  JOIN tenantdesk.endpoints e ON e.shard_id = s.id AND e.role = 'primary'
 WHERE e.host = $1 AND e.port = $2
UNION ALL
SELECT 'database', l.database_name, NULL
  FROM tenantdesk.app_layouts l
  JOIN tenantdesk.endpoints e ON e.shard_id = l.shard_id AND e.role = 'primary'
 WHERE e.host = $1 AND e.port = $2
UNION ALL
SELECT 'key', t.tenant_key::text, NULL FROM tenantdesk.tenants t WHERE t.tenant_key IS NOT NULL
