-- Gives tenant $1 (slug) the display name $2, with the audit row (old and new name) in the same
-- statement. Returns the tenant's id; no row when there is no such tenant.
WITH old AS (
    SELECT id, slug, display_name FROM tenantdesk.tenants WHERE slug = $1 FOR UPDATE
), t AS (
    UPDATE tenantdesk.tenants t SET display_name = $2, updated_at = now()
    FROM old WHERE t.id = old.id
    RETURNING t.id
)
INSERT INTO tenantdesk.audit_log (action, tenant_id, slug, details)
SELECT 'tenant.rename', old.id, old.slug, jsonb_build_object('from', old.display_name, 'to', $2::text)
FROM old JOIN t ON t.id = old.id
RETURNING tenant_id
