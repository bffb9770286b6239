-- The application's id of tenant $1 (tenants.id), NULL when it has none.
SELECT app_tenant_id FROM tenantdesk.tenants WHERE id = $1
