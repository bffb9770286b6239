-- The DDL of template $1 version $2 for isolation model $3, from the catalog.
SELECT ddl
FROM tenantdesk.templates
WHERE name = $1 AND version = $2 AND isolation_model = $3
