-- Forgets schema $1 in TenantDesk's records on this shard database, when the schema is dropped.
DELETE FROM tenantdesk_shard.template_versions WHERE schema_name = $1
