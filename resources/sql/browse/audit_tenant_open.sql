-- Records that support opened a tenant. $1 tenant id, $2 slug, $3 ticket or reason (NULL when
-- none was given), $4 details as JSON text. The actor is the catalog session's user.
INSERT INTO tenantdesk.audit_log (action, tenant_id, slug, reason, details)
VALUES ('tenant.open', $1, $2, $3, $4::jsonb)
RETURNING id
