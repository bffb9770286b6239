-- Whether TenantDesk's records on this shard database name schema $1: written in the transaction
-- that creates the schema, so there exactly when that committed.
SELECT EXISTS (SELECT FROM tenantdesk_shard.template_versions WHERE schema_name = $1)
