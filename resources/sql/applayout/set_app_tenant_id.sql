-- Records $2 as the application's id of tenant $1 (slug).
UPDATE tenantdesk.tenants SET app_tenant_id = $2 WHERE slug = $1
