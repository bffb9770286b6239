-- Before a failed tenant is provisioned again: its catalog row (and its domains, by cascade) go,
-- with an audit row, so that the retry is claimed like a new tenant. $1 slug. The audit rows of
-- the failed attempt stay, under its old id.
WITH t AS (
    DELETE FROM tenantdesk.tenants
    WHERE slug = $1 AND state = 'failed'
    RETURNING id, slug
)
INSERT INTO tenantdesk.audit_log (action, tenant_id, slug, reason)
SELECT 'tenant.provision.retry', t.id, t.slug, 'provisioned again after a failure' FROM t
