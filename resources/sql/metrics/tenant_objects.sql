-- Where each tenant's load shows in the statistics of its shard: its schema (schema tenants) or
-- database (database tenants). Shared-table tenants have neither: they are listed so that the
-- dashboard can say they are not measurable.
SELECT t.shard_id, t.slug, t.isolation_model,
       CASE t.isolation_model WHEN 'schema' THEN t.schema_name WHEN 'database' THEN t.database_name END
FROM tenantdesk.tenants t
WHERE t.state <> 'deleting'
ORDER BY t.shard_id, t.slug
