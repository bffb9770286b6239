-- Shard $1 (id) renamed $2, its tenant database $3, capacity $4, its own application roles $5 (a
-- JSON array; NULL: the fleet's), the owner of its new tenants $6 (NULL: the fleet's owner role).
UPDATE tenantdesk.shards
   SET name = $2, tenant_database = $3, capacity = $4,
       app_roles = CASE WHEN $5::jsonb IS NOT NULL THEN ARRAY(SELECT jsonb_array_elements_text($5::jsonb)) END,
       tenant_owner = $6
 WHERE id = $1
