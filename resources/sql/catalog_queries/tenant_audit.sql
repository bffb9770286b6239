-- The latest audit entries of one tenant, newest first. $1: tenant id, $2: how many.
SELECT id, (extract(epoch FROM at) * 1000)::bigint, actor, action, coalesce(reason, ''), details::text
FROM tenantdesk.audit_log
WHERE tenant_id = $1
ORDER BY at DESC, id DESC
LIMIT $2
