-- The latest version of template $1 for isolation model $2; 0 when there is none.
SELECT coalesce(max(version), 0)
FROM tenantdesk.templates
WHERE name = $1 AND isolation_model = $2
