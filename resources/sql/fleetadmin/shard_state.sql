-- Shard $1 (id) set to state $2.
UPDATE tenantdesk.shards SET state = $2 WHERE id = $1
