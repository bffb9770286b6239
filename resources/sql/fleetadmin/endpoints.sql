-- Every endpoint with how it is reached, by shard, the primary first.
SELECT id, shard_id, role, host, port, max_lag_seconds::float8, pooling
  FROM tenantdesk.endpoints
 ORDER BY shard_id, role <> 'primary', host, port
