-- Template $1 for isolation model $2 at version $3, or at its latest version when $3 is 0: the
-- version and its whole DDL (what a new tenant of that version gets).
SELECT version, ddl
FROM tenantdesk.templates
WHERE name = $1 AND isolation_model = $2 AND ($3::integer = 0 OR version = $3::integer)
ORDER BY version DESC
LIMIT 1
