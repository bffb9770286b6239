-- The template and version TenantDesk recorded for schema $1 in this database, if any.
SELECT template_name, template_version FROM tenantdesk_shard.template_versions WHERE schema_name = $1
