-- Adds version $3 of template $1 for isolation model $2: DDL $4, upgrade DDL $5 (NULL: none),
-- description $6. Nothing when that version exists already (no row returned then).
INSERT INTO tenantdesk.templates (name, isolation_model, version, ddl, upgrade_ddl, description)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (name, version, isolation_model) DO NOTHING
RETURNING id
