-- One tenant, every column. $1: tenant id.
SELECT id, slug, display_name, isolation_model, shard_id, schema_name, database_name, tenant_key,
       template_name, template_version, state,
       extract(epoch FROM created_at)::bigint, extract(epoch FROM updated_at)::bigint,
       extract(epoch FROM purge_after)::bigint
FROM tenantdesk.tenants
WHERE id = $1
