-- Endpoint $1 (id) of shard $2 changed to role $3, host $4, port $5, max lag $6, pooling $7.
UPDATE tenantdesk.endpoints
   SET role = $3, host = $4, port = $5, max_lag_seconds = $6, pooling = $7
 WHERE id = $1 AND shard_id = $2
