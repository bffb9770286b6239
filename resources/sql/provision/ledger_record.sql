-- Records that schema $1 holds template $2 at version $3. Run as tenantdesk_owner, in the
-- transaction that ran the template's DDL.
INSERT INTO tenantdesk_shard.template_versions (schema_name, template_name, template_version)
VALUES ($1, $2, $3)
ON CONFLICT (schema_name) DO UPDATE
SET template_name = excluded.template_name, template_version = excluded.template_version, updated_at = now()
