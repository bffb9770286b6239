-- Which of the tenants in $1 (a JSON array of {slug, identifier, schema_name, database_name,
-- tenant_key}) to be placed on shard $2 collide with a tenant of the catalog, and how.
SELECT x.slug, t.slug,
       CASE WHEN t.slug = x.slug THEN 'slug'
            WHEN replace(t.slug, '-', '_') = x.identifier THEN 'identifier'
            WHEN t.tenant_key::text = x.tenant_key THEN 'key'
            WHEN t.schema_name = x.schema_name THEN 'schema'
            ELSE 'database' END
  FROM jsonb_to_recordset($1::jsonb)
       AS x (slug text, identifier text, schema_name text, database_name text, tenant_key text)
  JOIN tenantdesk.tenants t
    ON t.slug = x.slug
    OR replace(t.slug, '-', '_') = x.identifier
    OR t.tenant_key::text = x.tenant_key
    OR (t.shard_id = $2 AND (t.schema_name = x.schema_name OR t.database_name = x.database_name))
 ORDER BY 1, 2
