-- Moves tenant $1 (slug) from one of the states in $2 (a text array) to state $3, and writes its
-- audit row in the same statement: action $4, reason $5, details $6 (JSON). In state 'deleting'
-- its data is kept for $7 seconds (purge_after; NULL keeps nothing). Returns the tenant's id, or
-- no row when the tenant was in none of the states in $2.
WITH t AS (
    UPDATE tenantdesk.tenants
    SET state = $3,
        updated_at = now(),
        purge_after = CASE WHEN $3 = 'deleting' THEN now() + make_interval(secs => coalesce($7::float8, 0)) END
    WHERE slug = $1 AND state = ANY ($2::text[])
    RETURNING id, slug
)
INSERT INTO tenantdesk.audit_log (action, tenant_id, slug, reason, details)
SELECT $4, t.id, t.slug, $5, coalesce($6::jsonb, '{}') FROM t
RETURNING tenant_id
