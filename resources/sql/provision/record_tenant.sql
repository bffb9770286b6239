-- Records a tenant with its domains and its audit row, in one statement: $1 slug, $2 display name,
-- $3 isolation model, $4 shard id, $5 schema, $6 database, $7 tenant key, $8 template, $9 template
-- version, $10 its state ('provisioning' for a tenant TenantDesk is about to create, 'active' for
-- one it adopts), $11 domains as a JSON array of {"host", "port", "path_prefix"}, $12 the audit
-- action, $13 the audit details (JSON). Returns the tenant's id. Runs on catalogs from version 3 on
-- (an adoption, version 5, records the application's id after it: applayout/set_app_tenant_id.sql).
WITH t AS (
    INSERT INTO tenantdesk.tenants (slug, display_name, isolation_model, shard_id, schema_name, database_name,
                                    tenant_key, template_name, template_version, state)
    VALUES ($1, $2, $3, $4, $5, $6, $7::uuid, $8, $9, $10)
    RETURNING id, slug
), d AS (
    INSERT INTO tenantdesk.domains (tenant_id, host, port, path_prefix)
    SELECT t.id, x.host, x.port, x.path_prefix
    FROM t, jsonb_to_recordset($11::jsonb) AS x (host text, port integer, path_prefix text)
)
INSERT INTO tenantdesk.audit_log (action, tenant_id, slug, details)
SELECT $12, t.id, t.slug, $13::jsonb FROM t
RETURNING tenant_id
