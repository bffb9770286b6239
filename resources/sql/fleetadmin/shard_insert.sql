-- A new active shard: name $1, tenant database $2, capacity $3.
INSERT INTO tenantdesk.shards (name, tenant_database, capacity)
VALUES ($1, $2, $3)
RETURNING id
