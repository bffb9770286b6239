-- Records that tenant $1 (slug) is at version $4 of template $2 (it was at $3), with the audit row.
-- Returns the tenant's id; no row when it was not at version $3 of that template.
WITH t AS (
    UPDATE tenantdesk.tenants
    SET template_version = $4, updated_at = now()
    WHERE slug = $1 AND template_name = $2 AND template_version = $3
    RETURNING id, slug
)
INSERT INTO tenantdesk.audit_log (action, tenant_id, slug, details)
SELECT 'tenant.upgrade', t.id, t.slug, jsonb_build_object('template', $2::text, 'from', $3::integer, 'to', $4::integer)
FROM t
RETURNING tenant_id
