-- Active tenants made from template $2 version $3, from $1: a JSON array of {"slug",
-- "display_name", "isolation_model", "shard" (shard name), "schema_name", "database_name",
-- "tenant_key"}, in array order.
INSERT INTO tenantdesk.tenants (slug, display_name, isolation_model, shard_id, schema_name, database_name,
                                tenant_key, template_name, template_version, state)
SELECT t.slug, t.display_name, t.isolation_model, s.id, t.schema_name, t.database_name, t.tenant_key,
       $2::text, $3::integer, 'active'
FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (slug text, display_name text, isolation_model text, shard text,
                                                  schema_name text, database_name text, tenant_key uuid))
     WITH ORDINALITY AS t (slug, display_name, isolation_model, shard, schema_name, database_name, tenant_key, position)
JOIN tenantdesk.shards s ON s.name = t.shard
ORDER BY t.position;
