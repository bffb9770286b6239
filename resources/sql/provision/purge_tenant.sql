-- Removes tenant $1 (slug), in state 'deleting', from the catalog (its domains by cascade) once
-- its data is gone from the shard, with the audit row: reason $2, details $3 (JSON). The audit
-- rows stay. Returns the tenant's id; no row when it was not being deleted.
WITH t AS (
    DELETE FROM tenantdesk.tenants WHERE slug = $1 AND state = 'deleting'
    RETURNING id, slug
)
INSERT INTO tenantdesk.audit_log (action, tenant_id, slug, reason, details)
SELECT 'tenant.purge', t.id, t.slug, $2, coalesce($3::jsonb, '{}') FROM t
RETURNING tenant_id
