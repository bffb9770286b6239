-- Shard $1 (id) renamed $2, its tenant database $3, capacity $4.
UPDATE tenantdesk.shards
   SET name = $2, tenant_database = $3, capacity = $4
 WHERE id = $1
