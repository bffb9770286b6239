-- What the lifecycle actions took from the application roles of tenant $1 (id) since they were
-- last given back (each action's audit row records it under details.revoked; resuming, and
-- reconcile granting access, under details.restored), oldest first: giving back means these.
SELECT a.details -> 'revoked'
FROM tenantdesk.audit_log a
WHERE a.tenant_id = $1 AND a.details ? 'revoked'
  AND a.id > coalesce((SELECT max(r.id) FROM tenantdesk.audit_log r
                       WHERE r.tenant_id = $1 AND r.details ? 'restored'), 0)
ORDER BY a.id
