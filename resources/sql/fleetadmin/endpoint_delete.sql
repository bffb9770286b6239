-- Endpoint $1 (id) of shard $2, removed; returns its role.
DELETE FROM tenantdesk.endpoints WHERE id = $1 AND shard_id = $2 RETURNING role
