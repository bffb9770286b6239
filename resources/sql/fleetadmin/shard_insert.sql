-- A new active shard: name $1, tenant database $2, capacity $3, its own application roles $4 (a
-- JSON array; NULL: the fleet's), the owner of its new tenants $5 (NULL: the fleet's owner role).
INSERT INTO tenantdesk.shards (name, tenant_database, capacity, app_roles, tenant_owner)
VALUES ($1, $2, $3, CASE WHEN $4::jsonb IS NOT NULL THEN ARRAY(SELECT jsonb_array_elements_text($4::jsonb)) END, $5)
RETURNING id
