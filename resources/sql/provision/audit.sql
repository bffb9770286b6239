-- An audit row for a change that is not a catalog change (reconcile dropping leftovers, or
-- setting grants to match the catalog): action $1, tenant $2 (id) and $3 (slug), reason $4,
-- details $5 (JSON).
INSERT INTO tenantdesk.audit_log (action, tenant_id, slug, reason, details)
VALUES ($1, $2, $3, $4, coalesce($5::jsonb, '{}'))
