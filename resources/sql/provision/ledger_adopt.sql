-- Records that schema $1 holds template $2 at version $3 unless a version is recorded already:
-- shared tables that existed before TenantDesk kept records are taken to be at the version the
-- tenant asks for.
INSERT INTO tenantdesk_shard.template_versions (schema_name, template_name, template_version)
VALUES ($1, $2, $3)
ON CONFLICT (schema_name) DO NOTHING
