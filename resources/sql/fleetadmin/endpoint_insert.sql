-- A new endpoint of shard $1: role $2, host $3, port $4, max lag $5 seconds, pooling $6.
INSERT INTO tenantdesk.endpoints (shard_id, role, host, port, max_lag_seconds, pooling)
VALUES ($1, $2, $3, $4, $5, $6)
RETURNING id
