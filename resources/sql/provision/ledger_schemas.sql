-- The schemas TenantDesk recorded a template version for in this database.
SELECT schema_name FROM tenantdesk_shard.template_versions
