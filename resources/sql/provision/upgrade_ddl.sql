-- The delta that brings template $1 for isolation model $2 from version $3 - 1 to version $3.
SELECT upgrade_ddl
FROM tenantdesk.templates
WHERE name = $1 AND isolation_model = $2 AND version = $3
