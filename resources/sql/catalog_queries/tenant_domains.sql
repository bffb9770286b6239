-- The routes of one tenant. $1: tenant id.
SELECT id, host, port, path_prefix
FROM tenantdesk.domains
WHERE tenant_id = $1
ORDER BY host, port NULLS FIRST, path_prefix NULLS FIRST
