-- Every endpoint, by shard, the primary first. pooling is read from the row: catalogs before
-- version 5 have no such column.
SELECT id, shard_id, role, host, port, max_lag_seconds::float8, coalesce(to_jsonb(e) ->> 'pooling', 'none')
FROM tenantdesk.endpoints e
ORDER BY shard_id, role <> 'primary', host, port
